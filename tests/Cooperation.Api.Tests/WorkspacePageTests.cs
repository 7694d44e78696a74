using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cooperation.Api.Tests;

/// <summary>
/// The committees' workspace (/workspace through the gateway) as a Vitebsk clerk uses it in Debian's Chromium, driven by
/// Playwright: signs in on the provider's page with an account an admin has just made, registers an agreement with a
/// Chinese city picked from the gazetteer, plans a visit, records its completion with a document signed during it and
/// opens the agreement it became; is refused on a Grodno record; edits one record in two tabs, the second seeing
/// what changed and reapplying; and uploads a spreadsheet with a bad row, sees it refused, fixes it and submits. Every record has a title of its own, so the store may hold anything. Screenshots land
/// in TestResults/ beside the test assembly.
/// </summary>
[Collection(nameof(DashboardTests))]
public class WorkspacePageTests(CooperationSystem system)
{
    private const string Vitebsk = "BY-VI";
    private const string Grodno = "BY-HR";

    [Fact]
    public async Task A_clerk_registers_an_agreement_plans_a_visit_and_records_its_completion_with_a_document_that_becomes_an_agreement()
    {
        var (clerk, password) = await NewClerkAsync(Vitebsk);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserAsync(playwright);
        var page = await SignedInPageAsync(browser, clerk, password, new ViewportSize { Width = 1280, Height = 900 });
        using var vitebsk = await system.ClientAsync("committee", Vitebsk);

        // An agreement with Harbin, picked as the clerk types and chosen with the keyboard; saved by a double click, stored once.
        var title = Api.UniqueTitle("Agreement on cooperation between Vitebsk Oblast and Harbin");
        var quote = Api.UniqueTitle("The parties agree to cooperate in trade and education.");
        await page.Locator("a", new() { HasText = "Register an agreement" }).ClickAsync();
        var form = page.Locator("form[data-form=new-agreement]");
        await form.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await form.GetByLabel("Kind").SelectOptionAsync("cooperation");
        await form.GetByLabel("Partner (place)").PressSequentiallyAsync("Harbin");
        await Expect(form.Locator("[role=option][data-code=CN-HL-HARBIN]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        for (var tries = 0; tries < 10 && await form.Locator("[role=option][aria-selected=true]").GetAttributeAsync("data-code") != "CN-HL-HARBIN"; tries++)
            await form.GetByLabel("Partner (place)").PressAsync("ArrowDown");
        await form.GetByLabel("Partner (place)").PressAsync("Enter");
        await Expect(form.GetByLabel("Partner (place)")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Harbin"));
        await form.GetByLabel("Signed on").FillAsync("2024-04-12");
        await form.GetByLabel("Source: document title").FillAsync("Letter of the Vitebsk Oblast Executive Committee");
        await form.GetByLabel("Source: quote").FillAsync(quote);
        await form.Locator("button[type=submit]").DblClickAsync();

        var record = page.Locator("article.record-page");
        await Expect(record.Locator("h2")).ToHaveTextAsync(title, new() { Timeout = 30_000 });
        await Expect(record.Locator("blockquote")).ToHaveTextAsync(quote);
        await Expect(record.Locator("tr[data-event*=registered i]")).ToContainTextAsync(clerk);
        var registered = (await vitebsk.GetJsonAsync($"/api/agreements?q={Uri.EscapeDataString(title)}")).GetProperty("items");
        Assert.Equal(1, registered.GetArrayLength());
        Assert.Equal(["BY-VI", "CN-HL-HARBIN"], registered[0].GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal(registered[0].GetProperty("id").GetString(), await record.GetAttributeAsync("data-record"));

        // Found again in the region's list by a word of its title.
        await record.Locator("a", new() { HasText = "Back to the list" }).ClickAsync();
        await page.Locator("input[name=q]").FillAsync(title.Split(' ')[^1]);
        await Expect(page.Locator("table[data-list=agreements] tbody tr")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.Locator("table[data-list=agreements] tbody tr")).ToContainTextAsync(title);

        // A visit from Harbin, the guest typed in Chinese; a date the API cannot read is shown beside its field, then corrected.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var purpose = Api.UniqueTitle("Talks on a joint dairy plant");
        await page.Locator("a", new() { HasText = "Visits" }).First.ClickAsync();
        await page.Locator("a", new() { HasText = "Plan a visit" }).ClickAsync();
        var visitForm = page.Locator("form[data-form=new-visit]");
        await visitForm.GetByLabel("Guests").PressSequentiallyAsync("哈尔滨");
        await visitForm.Locator("[role=option][data-code=CN-HL-HARBIN]").ClickAsync(new() { Timeout = 15_000 });
        await visitForm.GetByLabel("From", new() { Exact = true }).FillAsync("next week");
        await visitForm.GetByLabel("Purpose").FillAsync(purpose);
        await visitForm.Locator("button[type=submit]").ClickAsync();
        await Expect(visitForm.Locator("[data-field=plannedFrom] .error")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(visitForm.GetByLabel("From", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(visitForm.GetByLabel("Purpose")).ToHaveValueAsync(purpose);
        await visitForm.GetByLabel("From", new() { Exact = true }).FillAsync(today);
        await visitForm.Locator("button[type=submit]").ClickAsync();
        await Expect(record.Locator("h2")).ToHaveTextAsync(purpose, new() { Timeout = 30_000 });
        var visitId = (await record.GetAttributeAsync("data-record"))!;

        // Its completion, with a memorandum signed during it: the visit shows the agreement the document became.
        var memorandum = Api.UniqueTitle("Memorandum on a joint dairy plant");
        await record.Locator("[data-action=complete]").ClickAsync();
        var completion = record.Locator("form[data-form=complete]");
        await completion.GetByLabel("From", new() { Exact = true }).FillAsync(today);
        await completion.GetByLabel("To", new() { Exact = true }).FillAsync(today);
        await completion.GetByLabel("Summary").FillAsync("The plant's site was chosen.");
        await completion.GetByLabel("A document signed during it: Title").FillAsync(memorandum);
        await completion.GetByLabel("A document signed during it: Kind").SelectOptionAsync("memorandum");
        await completion.GetByLabel("A document signed during it: Signed on").FillAsync(today);
        await completion.Locator("button[type=submit]").ClickAsync();
        await Expect(record.Locator("[data-shows=status]")).ToHaveTextAsync("Completed", new() { Timeout = 30_000 });
        var document = record.Locator(".documents li", new() { HasText = memorandum });
        await Expect(document).ToBeVisibleAsync();
        await Expect(record.Locator("tr[data-event*=completed i]")).ToContainTextAsync(clerk);
        await Screenshot(page, "workspace-visit.png");
        var visit = await vitebsk.GetJsonAsync($"/api/delegations/visits/{visitId}");
        Assert.Equal("completed", visit.GetProperty("status").GetString());
        var agreementId = visit.GetProperty("documents")[0].GetProperty("agreementId").GetString();
        await document.Locator("a").ClickAsync();
        await Expect(page.Locator($"article.record-page[data-record='{agreementId}'] h2")).ToHaveTextAsync(memorandum, new() { Timeout = 30_000 });
        await Screenshot(page, "workspace-agreement.png");
    }

    [Fact]
    public async Task A_clerk_trying_to_edit_a_Grodno_record_is_refused_and_nothing_changes()
    {
        using var grodno = await system.ClientAsync("committee", Grodno);
        var purpose = Api.UniqueTitle("Grodno business mission");
        var id = await grodno.CreateAsync("/api/delegations/visits", new
        {
            direction = "incoming", host = new { code = Grodno }, guests = new object[] { new { code = "CN-HL" } },
            plannedFrom = $"{DateTime.UtcNow.Year + 1}-05", purpose,
        });
        var (clerk, password) = await NewClerkAsync(Vitebsk);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserAsync(playwright);
        var page = await SignedInPageAsync(browser, clerk, password, new ViewportSize { Width = 1280, Height = 900 }, $"/workspace/visits/{id}");

        var record = page.Locator($"article.record-page[data-record='{id}']");
        await Expect(record.Locator("h2")).ToHaveTextAsync(purpose, new() { Timeout = 30_000 });
        await record.Locator("[data-action=reschedule]").ClickAsync();
        var form = record.Locator("form[data-form=reschedule]");
        await form.GetByLabel("From", new() { Exact = true }).FillAsync($"{DateTime.UtcNow.Year + 1}-06");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form.Locator(".problem[data-status='403']")).ToContainTextAsync("Refused", new() { Timeout = 30_000 });
        var visit = await grodno.GetJsonAsync($"/api/delegations/visits/{id}");
        Assert.Equal($"{DateTime.UtcNow.Year + 1}-05", visit.GetProperty("plannedFrom").GetString());
        Assert.Equal(1, visit.GetProperty("version").GetInt32());

        // The same page in Russian.
        await page.Locator(".lang button", new() { HasText = "RU" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Рабочее место комитета");
        await Expect(form.Locator("h4")).ToHaveTextAsync("Перенести");
        await Expect(form.Locator(".problem[data-status='403']")).ToContainTextAsync("Отказано");
    }

    [Fact]
    public async Task The_same_record_edited_in_two_tabs_gives_the_second_a_conflict_that_shows_what_changed_and_can_be_reapplied()
    {
        using var vitebsk = await system.ClientAsync("committee", Vitebsk);
        var purpose = Api.UniqueTitle("Vitebsk trade mission");
        var year = DateTime.UtcNow.Year + 1;
        var id = await vitebsk.CreateAsync("/api/delegations/visits", new
        {
            direction = "outgoing", host = new { code = Vitebsk }, guests = new object[] { new { code = "CN-HL" } },
            plannedFrom = $"{year}-03", purpose,
        });
        var (clerk, password) = await NewClerkAsync(Vitebsk);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserAsync(playwright);
        // At a phone's width; the second tab signs in through the provider's session without a password.
        var phone = new ViewportSize { Width = 390, Height = 844 };
        var first = await SignedInPageAsync(browser, clerk, password, phone, $"/workspace/visits/{id}");
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync(new Uri(system.Gateway.Address, $"/workspace/visits/{id}").ToString());
        foreach (var tab in new[] { first, second })
            await Expect(tab.Locator($"article.record-page[data-record='{id}'] h2")).ToHaveTextAsync(purpose, new() { Timeout = 30_000 });

        await Reschedule(first, $"{year}-04");
        await Expect(first.Locator("[data-shows=plannedFrom]")).ToHaveTextAsync($"{year}-04", new() { Timeout = 30_000 });

        await Reschedule(second, $"{year}-05");
        var conflict = second.Locator("[data-conflict]");
        await Expect(conflict).ToContainTextAsync("changed this record", new() { Timeout = 30_000 });
        await Expect(conflict).ToContainTextAsync($"plannedFrom: {year}-03 → {year}-04");
        await Screenshot(second, "workspace-conflict.png");
        Assert.Equal($"{year}-04", (await vitebsk.GetJsonAsync($"/api/delegations/visits/{id}")).GetProperty("plannedFrom").GetString());
        await conflict.Locator("button").ClickAsync();
        await Expect(second.Locator("[data-shows=plannedFrom]")).ToHaveTextAsync($"{year}-05", new() { Timeout = 30_000 });
        var visit = await vitebsk.GetJsonAsync($"/api/delegations/visits/{id}");
        Assert.Equal($"{year}-05", visit.GetProperty("plannedFrom").GetString());
        Assert.Equal(3, visit.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_clerk_signs_a_draft_plan_adds_an_item_marks_it_done_amends_the_plan_and_records_a_visit_s_start_and_programme()
    {
        using var vitebsk = await system.ClientAsync("committee", Vitebsk);
        var title = Api.UniqueTitle("Plan of events of Vitebsk Oblast and Heilongjiang Province");
        var planId = await vitebsk.CreateAsync("/api/agreements", new { kind = "plan-of-events", title, status = "draft", parties = new object[] { new { code = Vitebsk }, new { code = "CN-HL" } } });
        var purpose = Api.UniqueTitle("Heilongjiang delegation at the Vitebsk fair");
        var year = DateTime.UtcNow.Year - 1;  // every date in the past, as the API asks of a signature, a start and a completion
        var visitId = await vitebsk.CreateAsync("/api/delegations/visits", new
        {
            direction = "incoming", host = new { code = Vitebsk }, guests = new object[] { new { code = "CN-HL" } }, plannedFrom = $"{year}-01-10", purpose,
        });
        var (clerk, password) = await NewClerkAsync(Vitebsk);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserAsync(playwright);
        var page = await SignedInPageAsync(browser, clerk, password, new ViewportSize { Width = 1280, Height = 900 }, $"/workspace/agreements/{planId}");
        var record = page.Locator($"article.record-page[data-record='{planId}']");
        await Expect(record.Locator("h2")).ToHaveTextAsync(title, new() { Timeout = 30_000 });

        await Act(record, "sign", ("Signed on", $"{year}-01-05"), ("Place", "Harbin"));
        await Expect(record.Locator("[data-shows=status]")).ToHaveTextAsync("Signed", new() { Timeout = 30_000 });
        await Act(record, "add-item", ("Title", "Days of Heilongjiang culture in Vitebsk"), ("Due", $"{DateTime.UtcNow.Year + 1}-12"), ("Sphere", "culture"));
        var item = record.Locator(".plan-items li", new() { HasText = "Days of Heilongjiang culture in Vitebsk" });
        await Expect(item.Locator("[data-shows=state]")).ToHaveTextAsync("open", new() { Timeout = 30_000 });
        var itemId = (await item.GetAttributeAsync("data-item"))!;
        await Act(record, $"complete-item-{itemId}", ("On", $"{year}-01-20"), ("Note", "Held at the Vitebsk philharmonic."));
        await Expect(item.Locator("[data-shows=state]")).ToHaveTextAsync("done", new() { Timeout = 30_000 });
        await Act(record, "amend", ("Summary", "A second day of culture added."), ("In effect from", $"{year}-02"));
        await Expect(record.Locator(".amendments")).ToContainTextAsync("A second day of culture added.", new() { Timeout = 30_000 });
        await Expect(record.Locator("tr[data-event*=amended i]")).ToContainTextAsync(clerk);

        var plan = await vitebsk.GetJsonAsync($"/api/agreements/{planId}");
        Assert.Equal("signed", plan.GetProperty("status").GetString());
        Assert.Equal($"{year}-01-05", plan.GetProperty("signedOn").GetString());
        Assert.Equal("done", plan.GetProperty("items").EnumerateArray().Single().GetProperty("state").GetString());
        Assert.Equal(5, plan.GetProperty("version").GetInt32());

        await page.GotoAsync(new Uri(system.Gateway.Address, $"/workspace/visits/{visitId}").ToString());
        var visitPage = page.Locator($"article.record-page[data-record='{visitId}']");
        await Expect(visitPage.Locator("h2")).ToHaveTextAsync(purpose, new() { Timeout = 30_000 });
        await Act(visitPage, "start", ("On", $"{year}-01-10"));
        await Expect(visitPage.Locator("[data-shows=status]")).ToHaveTextAsync("Under way", new() { Timeout = 30_000 });
        await Act(visitPage, "programme", ("Programme", $"{year}-01-10 negotiations: Talks at the oblast executive committee\nexhibition: The fair's Heilongjiang pavilion"));
        await Expect(visitPage.Locator(".programme li")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        var visit = await vitebsk.GetJsonAsync($"/api/delegations/visits/{visitId}");
        Assert.Equal(["negotiations", "exhibition"], visit.GetProperty("programme").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal($"{year}-01-10", visit.GetProperty("startedOn").GetString());
    }

    /// <summary>Opens the record page's action form, fills its fields by label and saves it.</summary>
    private static async Task Act(ILocator record, string action, params (string Label, string Value)[] fields)
    {
        await record.Locator($"[data-action='{action}']").ClickAsync();
        var form = record.Locator($"form[data-form='{action}']");
        await FillAsync(form, fields);
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }

    /// <summary>Fills a form's fields by their labels: a choice by its value, the rest typed.</summary>
    private static async Task FillAsync(ILocator form, params (string Label, string Value)[] fields)
    {
        foreach (var (label, value) in fields)
        {
            var field = form.GetByLabel(label, new() { Exact = true });
            if (await field.EvaluateAsync<string>("e => e.tagName") == "SELECT") await field.SelectOptionAsync(value);
            else await field.FillAsync(value);
        }
    }

    /// <summary>Picks a place in a form's gazetteer field: a few letters typed, then the place's option clicked.</summary>
    private static async Task PickAsync(ILocator form, string label, string typed, string code)
    {
        await form.GetByLabel(label, new() { Exact = true }).PressSequentiallyAsync(typed);
        await form.Locator($"[role=option][data-code='{code}']").ClickAsync(new() { Timeout = 15_000 });
    }

    /// <summary>Opens a section of the workspace by its tab and its registration form by the section's button.</summary>
    private static async Task<ILocator> RegistrationAsync(IPage page, string section, string button, string form)
    {
        await page.Locator("nav.tabs a", new() { HasText = section }).ClickAsync();
        await page.Locator("a.button", new() { HasText = button }).ClickAsync();
        return page.Locator($"form[data-form='{form}']");
    }

    /// <summary>Saves a registration and waits for the record's page it leads to; its id.</summary>
    private static async Task<(ILocator Record, Guid Id)> SaveAsync(IPage page, ILocator form, string kind)
    {
        await form.Locator("button[type=submit]").ClickAsync();
        var record = page.Locator($"article.record-page[data-kind='{kind}']");
        await Expect(record).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return (record, Guid.Parse((await record.GetAttributeAsync("data-record"))!));
    }

    [Fact]
    public async Task A_clerk_files_and_revises_a_trade_report_registers_a_project_and_moves_it_on_and_counts_companies_and_recounts_them()
    {
        var (clerk, password) = await NewClerkAsync(Vitebsk);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserAsync(playwright);
        var page = await SignedInPageAsync(browser, clerk, password, new ViewportSize { Width = 1280, Height = 900 });
        using var vitebsk = await system.ClientAsync("committee", Vitebsk);
        var year = Api.FreshYear();

        // A year's goods trade with Shandong, the partner typed in Chinese, in millions of dollars; then revised.
        var form = await RegistrationAsync(page, "Trade reports", "File a trade report", "new-trade-report");
        await PickAsync(form, "Partner (place)", "山东", "CN-SD");
        var quote = Api.UniqueTitle("Exports of the oblast to Shandong Province amounted to 12.5 million US dollars.");
        await FillAsync(form, ("From", $"{year}-01"), ("To", $"{year}-12"), ("Unit", "million"), ("Exports", "12.5"), ("Imports", "3.1"),
            ("Source: document title", "Vitebsk Oblast Executive Committee: foreign trade"), ("Source: quote", quote));
        var (report, reportId) = await SaveAsync(page, form, "trade-reports");
        await Expect(report.Locator("[data-shows=exports]")).ToHaveTextAsync("12.5 million USD");
        await Expect(report.Locator("blockquote")).ToHaveTextAsync(quote);
        await Act(report, "revise", ("Exports", "13.2"), ("Reason", "The customs' final figures"));
        await Expect(report.Locator("[data-shows=exports]")).ToHaveTextAsync("13.2 million USD", new() { Timeout = 30_000 });
        await Expect(report.Locator(".revisions")).ToContainTextAsync("The customs' final figures");
        await Expect(report.Locator("tr[data-event*=revised i]")).ToContainTextAsync(clerk);
        var filed = await vitebsk.GetJsonAsync($"/api/trade/reports/{reportId}");
        Assert.Equal(13.2, filed.GetProperty("exports").GetDouble());
        Assert.Equal(3.1, filed.GetProperty("imports").GetDouble());
        Assert.Equal("million", filed.GetProperty("unit").GetString());
        Assert.Equal(2, filed.GetProperty("version").GetInt32());

        // A project with a Harbin partner, agreed, then under construction and costed anew.
        var name = Api.UniqueTitle("Vitebsk–Harbin dairy plant");
        form = await RegistrationAsync(page, "Investment projects", "Register a project", "new-project");
        await FillAsync(form, ("Name", name), ("Status", "agreed"), ("Cost", "25"), ("Unit", "million"));
        await PickAsync(form, "Partner (place)", "Harbin", "CN-HL-HARBIN");
        var (project, projectId) = await SaveAsync(page, form, "projects");
        await Expect(project.Locator("h2")).ToHaveTextAsync(name);
        await Act(project, "status", ("Status", "under-construction"), ("On", $"{year}-05"));
        await Expect(project.Locator("[data-shows=status]")).ToHaveTextAsync("Under construction", new() { Timeout = 30_000 });
        await Act(project, "cost", ("Cost", "30"), ("Unit", "million"), ("Reason", "The investor's revised estimate"));
        await Expect(project.Locator("[data-shows=cost]")).ToHaveTextAsync("30 million USD", new() { Timeout = 30_000 });
        var registered = await vitebsk.GetJsonAsync($"/api/trade/projects/{projectId}");
        Assert.Equal("under-construction", registered.GetProperty("status").GetString());
        Assert.Equal(30, registered.GetProperty("cost").GetProperty("amount").GetDecimal());
        Assert.Equal("CN-HL-HARBIN", registered.GetProperty("partners")[0].GetProperty("code").GetString());

        // Companies with Chinese capital counted on the first of the year, then recounted.
        form = await RegistrationAsync(page, "Foreign-invested companies", "Count companies", "new-company-count");
        await PickAsync(form, "Investors' country (place)", "China", "CN");
        await FillAsync(form, ("As of", $"{year}-01-01"), ("Companies", "14"), ("Joint ventures", "9"));
        var (count, countId) = await SaveAsync(page, form, "companies");
        await Expect(count.Locator("[data-shows=total]")).ToHaveTextAsync("14");
        await Act(count, "recount", ("Companies", "15"), ("Joint ventures", "10"), ("Reason", "A joint venture registered in December"));
        await Expect(count.Locator("[data-shows=total]")).ToHaveTextAsync("15", new() { Timeout = 30_000 });
        var counted = await vitebsk.GetJsonAsync($"/api/trade/foreign-invested-companies/{countId}");
        Assert.Equal(10, counted.GetProperty("jointVentures").GetInt32());
        Assert.Single(counted.GetProperty("revisions").EnumerateArray());
        await Screenshot(page, "workspace-companies.png");
    }

    [Fact]
    public async Task A_clerk_registers_an_occasion_and_records_it_held_records_an_exchange_and_counts_visits_each_recounted()
    {
        var (clerk, password) = await NewClerkAsync(Vitebsk);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserAsync(playwright);
        var page = await SignedInPageAsync(browser, clerk, password, new ViewportSize { Width = 390, Height = 844 });
        using var vitebsk = await system.ClientAsync("committee", Vitebsk);
        var lastYear = DateTime.UtcNow.Year - 1;

        // A fair in Harbin the oblast took part in, then recorded as held with two outcomes.
        var title = Api.UniqueTitle("Harbin International Economic and Trade Fair");
        var form = await RegistrationAsync(page, "Occasions", "Register an occasion", "new-occasion");
        await FillAsync(form, ("Title", title), ("Kind", "fair"), ("Series", "Harbin International Economic and Trade Fair"), ("Edition", "23"), ("From", $"{lastYear}-06-14"), ("To", $"{lastYear}-06-18"));
        await PickAsync(form, "Venue", "Harbin", "CN-HL-HARBIN");
        var (occasion, occasionId) = await SaveAsync(page, form, "occasions");
        await Expect(occasion.Locator("h2")).ToHaveTextAsync(title);
        await Expect(occasion.Locator("[data-shows=status]")).ToHaveTextAsync("planned");
        await Act(occasion, "held", ("Outcomes", "A stand of Vitebsk Oblast with four companies\nTwo supply contracts signed"));
        await Expect(occasion.Locator("[data-shows=status]")).ToHaveTextAsync("held", new() { Timeout = 30_000 });
        await Expect(occasion.Locator(".outcomes li")).ToHaveCountAsync(2);
        var held = await vitebsk.GetJsonAsync($"/api/delegations/occasions/{occasionId}");
        Assert.Equal(23, held.GetProperty("edition").GetInt32());
        Assert.Contains(held.GetProperty("participants").EnumerateArray(), p => p.GetProperty("code").GetString() == Vitebsk);

        // Chinese students received at a Vitebsk university, "up to 18", then recounted exactly.
        var institution = Api.UniqueTitle("Henan University");
        form = await RegistrationAsync(page, "Exchanges", "Record an exchange", "new-exchange");
        await FillAsync(form, ("Kind", "students"), ("Direction", "received"), ("Partner's institution", institution),
            ("Our institution", "Vitebsk State University"), ("Academic year", "2011-2012"), ("Count", "18"), ("As the source states it", "at-most"));
        await PickAsync(form, "Partner (place)", "Henan", "CN-HA");
        var (exchange, exchangeId) = await SaveAsync(page, form, "exchanges");
        await Expect(exchange.Locator("[data-shows=count]")).ToHaveTextAsync("up to 18");
        await Act(exchange, "recount", ("Count", "17"), ("Reason", "The university's list of students"));
        await Expect(exchange.Locator("[data-shows=count]")).ToHaveTextAsync("17", new() { Timeout = 30_000 });
        var recorded = await vitebsk.GetJsonAsync($"/api/delegations/exchanges/{exchangeId}");
        Assert.Equal("CN-HA", recorded.GetProperty("from").GetProperty("place").GetProperty("code").GetString());
        Assert.Equal(Vitebsk, recorded.GetProperty("to").GetProperty("place").GetProperty("code").GetString());

        // The delegations from China received in a year of their own, counted, then recounted.
        var year = Api.FreshYear();
        form = await RegistrationAsync(page, "Visit counts", "Count visits", "new-visit-count");
        await PickAsync(form, "Partner (place)", "China", "CN");
        await FillAsync(form, ("From", $"{year}"), ("To", $"{year}"), ("Count", "22"));
        var (visits, visitsId) = await SaveAsync(page, form, "visit-counts");
        await Expect(visits.Locator("[data-shows=count]")).ToHaveTextAsync("22");
        await Act(visits, "recount", ("Count", "23"), ("Reason", "A delegation at the year's end"));
        await Expect(visits.Locator("[data-shows=count]")).ToHaveTextAsync("23", new() { Timeout = 30_000 });
        Assert.Equal(23, (await vitebsk.GetJsonAsync($"/api/delegations/visit-counts/{visitsId}")).GetProperty("count").GetInt32());
        await Screenshot(page, "workspace-visit-counts.png");
    }

    [Fact]
    public async Task A_clerk_forms_a_working_group_appoints_its_co_chair_and_records_a_session_and_the_ministry_reads_every_region_and_forms_a_national_commission()
    {
        var (clerk, password) = await NewClerkAsync(Vitebsk);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserAsync(playwright);
        var page = await SignedInPageAsync(browser, clerk, password, new ViewportSize { Width = 1280, Height = 900 });
        var words = Api.UniqueTitle("working group").Split(' ')[^1];

        var form = await RegistrationAsync(page, "Commissions", "Form a commission or working group", "new-commission");
        await FillAsync(form, ("Title", $"Vitebsk–Harbin working group {words}"), ("Kind", "joint-working-group"), ("Formed on", "2019"));
        await PickAsync(form, "Partner (place)", "Harbin", "CN-HL-HARBIN");
        var (group, groupId) = await SaveAsync(page, form, "commissions");
        await Act(group, "appoint", ("Full name", "Konstantin Shulgan"), ("Role", "co-chair"), ("Position", "Deputy chairman of the oblast executive committee"));
        await Expect(group.Locator(".members")).ToContainTextAsync("Konstantin Shulgan", new() { Timeout = 30_000 });
        await Act(group, "session", ("On", "2022-03"), ("Session no.", "1"), ("Agenda", "Trade\nEducation"), ("Decisions", "Hold days of Harbin culture in Vitebsk"));
        await Expect(group.Locator(".sessions li")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        using var vitebsk = await system.ClientAsync("committee", Vitebsk);
        var formed = await vitebsk.GetJsonAsync($"/api/agreements/commissions/{groupId}");
        Assert.Equal(["Trade", "Education"], formed.GetProperty("sessions")[0].GetProperty("agenda").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("co-chair", formed.GetProperty("members")[0].GetProperty("role").GetString());

        // A Grodno group of the same words: the clerk's list shows Vitebsk's only, the ministry's both.
        using var grodno = await system.ClientAsync("committee", Grodno);
        await grodno.CreateAsync("/api/agreements/commissions", new
        {
            kind = "working-group", title = $"Grodno–Harbin working group {words}", parties = new object[] { new { code = Grodno }, new { code = "CN-HL-HARBIN" } },
        });
        await page.GotoAsync(new Uri(system.Gateway.Address, $"/workspace/?tab=commissions&q={words}").ToString());
        await Expect(page.Locator("table[data-list=commissions] tbody tr")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var (analyst, analystPassword) = await NewAccountAsync("ministry");
        var ministry = await SignedInPageAsync(browser, analyst, analystPassword, new ViewportSize { Width = 1280, Height = 900 }, $"/workspace/?tab=commissions&q={words}");
        await Expect(ministry.Locator("table[data-list=commissions] tbody tr")).ToHaveCountAsync(2, new() { Timeout = 30_000 });

        // The ministry names the record's side itself: Belarus, for a national commission with China.
        form = await RegistrationAsync(ministry, "Commissions", "Form a commission or working group", "new-commission");
        await FillAsync(form, ("Region", "BY"), ("Title", $"Belarusian-Chinese intergovernmental committee {words}"), ("Kind", "intergovernmental-commission"));
        await PickAsync(form, "Partner (place)", "China", "CN");
        var (national, nationalId) = await SaveAsync(ministry, form, "commissions");
        await Expect(national.Locator("h2")).ToHaveTextAsync($"Belarusian-Chinese intergovernmental committee {words}");
        await Expect(national.Locator("[data-action=session]")).ToBeVisibleAsync();
        var parties = (await vitebsk.GetJsonAsync($"/api/agreements/commissions/{nationalId}")).GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("code").GetString());
        Assert.Equal(["BY", "CN"], parties);
    }

    [Fact]
    public async Task A_clerk_downloads_a_template_uploads_a_sheet_with_a_bad_row_sees_it_refused_fixes_it_and_submits()
    {
        var (clerk, password) = await NewClerkAsync(Vitebsk);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserAsync(playwright);
        var page = await SignedInPageAsync(browser, clerk, password, new ViewportSize { Width = 1280, Height = 900 });
        using var vitebsk = await system.ClientAsync("committee", Vitebsk);
        var prefix = Api.UniqueTitle("Sheet from the workspace");
        var folder = Directory.CreateTempSubdirectory("workspace-sheets-").FullName;
        async Task<string> SheetAsync(string name, string planParties)
        {
            var path = Path.Combine(folder, name);
            await File.WriteAllLinesAsync(path,
            [
                "kind,title,parties,spheres,status,signedOn,validUntil,place,parent,source,quote,note",
                $"cooperation,{prefix} cooperation,BY-VI; CN-SD,,,2004,,,,Vitebsk Oblast Executive Committee: interregional cooperation,,",
                $"plan-of-events,{prefix} plan,{planParties},trade-economic,signed,,,,{prefix} cooperation,,,",
            ]);
            return path;
        }

        await page.Locator("nav.tabs a", new() { HasText = "Spreadsheets" }).ClickAsync();
        var section = page.Locator("section.sheets");
        await Expect(section.Locator("h2")).ToHaveTextAsync("Spreadsheets");
        await section.GetByLabel("Kind of record").SelectOptionAsync("agreements");
        var download = await page.RunAndWaitForDownloadAsync(() => section.Locator("[data-sheet=template]").ClickAsync());
        Assert.Equal("agreements.xlsx", download.SuggestedFilename);

        // The plan names one party only: the check refuses its row, 3, for its parties, and stores nothing.
        await section.GetByLabel("Filled sheet (.xlsx or .csv)").SetInputFilesAsync(await SheetAsync("bad.csv", "BY-VI"));
        await section.Locator("[data-sheet=check]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var result = section.Locator("[data-result=dry-run]");
        await Expect(result.Locator("[data-count=refused]")).ToHaveTextAsync("1", new() { Timeout = 60_000 });
        await Expect(result.Locator("[data-count=valid]")).ToHaveTextAsync("1");
        await Expect(result.Locator("[data-table=refusals] tr[data-row='3']")).ToContainTextAsync("parties");
        await Screenshot(page, "workspace-sheets.png");
        Assert.Empty((await vitebsk.GetJsonAsync($"/api/agreements?q={Uri.EscapeDataString(prefix)}")).GetProperty("items").EnumerateArray());

        // Fixed, checked again and submitted: both rows created; submitted once more, both already there.
        await section.GetByLabel("Filled sheet (.xlsx or .csv)").SetInputFilesAsync(await SheetAsync("fixed.csv", "BY-VI; CN-SD"));
        await section.Locator("[data-sheet=check]").ClickAsync();
        await Expect(result.Locator("[data-count=refused]")).ToHaveTextAsync("0", new() { Timeout = 60_000 });
        await section.Locator("[data-sheet=submit]").ClickAsync();
        var submitted = section.Locator("[data-result=submitted]");
        await Expect(submitted.Locator("[data-count=created]")).ToHaveTextAsync("2", new() { Timeout = 60_000 });
        await Expect(submitted.Locator("[data-count=refused]")).ToHaveTextAsync("0");
        await section.Locator("[data-sheet=submit]").ClickAsync();
        await Expect(submitted.Locator("[data-count=alreadyThere]")).ToHaveTextAsync("2", new() { Timeout = 60_000 });
        var stored = (await vitebsk.GetJsonAsync($"/api/agreements?q={Uri.EscapeDataString(prefix)}")).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(2, stored.Length);

        // The same section in Russian.
        await page.Locator(".lang button", new() { HasText = "RU" }).ClickAsync();
        await Expect(section.Locator("h2")).ToHaveTextAsync("Таблицы");
        await Expect(submitted.Locator("th").Last).ToHaveTextAsync("Отклонено");
        Directory.Delete(folder, recursive: true);
    }

    private static async Task Reschedule(IPage page, string plannedFrom)
    {
        await page.Locator("[data-action=reschedule]").ClickAsync();
        var form = page.Locator("form[data-form=reschedule]");
        await form.GetByLabel("From", new() { Exact = true }).FillAsync(plannedFrom);
        await form.Locator("button[type=submit]").ClickAsync();
    }

    private static async Task<IBrowser> BrowserAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"], Headless = true });

    /// <summary>Opens the workspace at the path, signs in on the provider's page and waits to be back, signed in.</summary>
    private async Task<IPage> SignedInPageAsync(IBrowser browser, string clerk, string password, ViewportSize size, string path = "/workspace/")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = size, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(system.Gateway.Address, path).ToString());
        await Expect(page.Locator("input#userName")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Locator("input#userName").FillAsync(clerk);
        await page.Locator("input#password").FillAsync(password);
        await page.Locator("button[type=submit]", new() { HasText = "Sign in" }).First.ClickAsync();
        await Expect(page.Locator(".who .role")).ToContainTextAsync(clerk, new() { Timeout = 30_000 });
        Assert.EndsWith(path, page.Url);
        return page;
    }

    /// <summary>A committee account of the region, made by an admin over the API, and its generated password.</summary>
    private Task<(string Name, string Password)> NewClerkAsync(string region) => NewAccountAsync("committee", region);

    /// <summary>An account of the role (and region), made by an admin over the API, and its generated password.</summary>
    private async Task<(string Name, string Password)> NewAccountAsync(string role, string? region = null)
    {
        using var admin = await system.ClientAsync("admin", sub: "workspace-page-admin");
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        using var created = await admin.PostAsync("/api/identity/users", new { userName = name, displayName = $"Workspace test {role}", role, region });
        var body = await created.JsonAsync();
        Assert.True(created.IsSuccessStatusCode, body.ToString());
        return (name, body.GetProperty("newPassword").GetString()!);
    }

    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name, await File.ReadAllBytesAsync(path), "image/png");
    }
}
