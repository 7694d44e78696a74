using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cooperation.Api.Tests;

/// <summary>
/// The page as ministry staff use it: Debian's Chromium, driven by Playwright, opens /dashboard through the gateway
/// over the demo data that deploy/run.sh loads (the test runs the same loader), signs in on the provider's page as an
/// analyst an admin has just created, watches a new agreement arrive, and signs out. Screenshots land in TestResults/
/// beside the test assembly.
/// </summary>
[Collection(nameof(DashboardTests))]
public class DashboardPageTests(CooperationSystem system)
{
    // Gomel Oblast: only the demo data writes there, so its numbers are the seeds' own.
    private const string Region = "BY-HO";

    [Fact]
    public async Task The_page_shows_the_seed_numbers_and_a_new_agreement_arrives_in_the_live_feed_without_reloading()
    {
        await LoadDemoDataAsync();
        var seeded = SeededAgreements(Region);
        using var ministry = await system.ClientAsync("ministry");
        await WaitUntilAllDemoDataIsConsumedAsync();
        var expected = (await ministry.GetJsonAsync($"/api/dashboard/summary?region={Region}")).GetProperty("agreements").GetProperty("total").GetInt32();
        Assert.True(expected >= seeded, $"The summary counts {expected} agreements of {Region}; the demo data alone has {seeded}.");
        // Each demo agreement says where it comes from: its seed's file and words, and the entry's note.
        foreach (var entry in DemoAgreements(Region))
        {
            var demoTitle = entry.GetProperty("body").GetProperty("title").GetString()!;
            var found = (await ministry.GetJsonAsync($"/api/agreements?q={Uri.EscapeDataString(demoTitle)}&pageSize=200")).GetProperty("items")
                .EnumerateArray().Single(a => a.GetProperty("title").GetString() == demoTitle);
            Assert.Equal(entry.GetProperty("quote").GetString(), found.GetProperty("source").GetProperty("quote").GetString());
            Assert.Equal($"seeds/{entry.GetProperty("seed").GetString()}", found.GetProperty("source").GetProperty("locator").GetString());
            Assert.Equal(entry.TryGetProperty("note", out var note) ? note.GetString() : null, found.GetProperty("note").GetString());
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox"],
            Headless = true,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 }, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        // What the page fetched and logged, for the failure message.
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) => seen.Enqueue($"console {message.Type}: {message.Text}");
        page.Response += (_, response) => { if (response.Url.Contains("/api/dashboard/summary")) seen.Enqueue($"{response.Status} {response.Url}"); };
        // The page sends a visitor without a session to the provider's sign-in page and back (the code flow with PKCE).
        var (analyst, password) = await NewAccountAsync("ministry");
        await page.GotoAsync(new Uri(system.Gateway.Address, $"/dashboard/?region={Region}").ToString());
        await Expect(page.Locator("input#userName")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Contains("/connect/signin", page.Url);
        await page.Locator("input#userName").FillAsync(analyst);
        await page.Locator("input#password").FillAsync(password);
        await page.Locator("button[type=submit]", new() { HasText = "Sign in" }).First.ClickAsync();

        // Back where the visit began, signed in, filtered by the region the address named.
        await Expect(page.Locator(".who .role")).ToContainTextAsync(analyst, new() { Timeout = 30_000 });
        Assert.EndsWith($"/dashboard/?region={Region}", page.Url);
        Assert.DoesNotContain("/api/dev/tokens", string.Join("\n", seen));
        var agreements = page.Locator("[data-counter=agreements] .counter-value");
        await Expect(page.Locator(".status.live")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(agreements).Not.ToHaveTextAsync("0", new() { Timeout = 30_000 });
        await Expect(page.Locator("select[name=region]")).ToHaveValueAsync(Region);
        await Expect(agreements).ToHaveTextAsync(expected.ToString(), new() { Timeout = 30_000 });
        await Expect(page.Locator(".bars li", new() { HasText = "Gomel" }).First).ToBeVisibleAsync();
        await Screenshot(page, "dashboard-seed.png");

        // A record opened from the list shows the words of its seed, read from the Agreements service: the latest of the demo
        // data's, since a store an earlier run has used also holds the agreement this test registers below, which has none.
        var (latest, source) = (default(string)!, default(JsonElement));
        foreach (var listed in (await ministry.GetJsonAsync($"/api/dashboard/summary?region={Region}")).GetProperty("agreements").GetProperty("latest").EnumerateArray())
        {
            latest = listed.GetProperty("id").GetString()!;
            source = (await ministry.GetJsonAsync($"/api/agreements/{latest}")).GetProperty("source");
            if (source.ValueKind == JsonValueKind.Object) break;
        }
        Assert.Equal(JsonValueKind.Object, source.ValueKind);
        await page.Locator($".recent li[data-open='{latest}']").ClickAsync();
        var opened = page.Locator($".record[data-record='{latest}']");
        await Expect(opened.Locator("blockquote")).ToHaveTextAsync(source.GetProperty("quote").GetString()!, new() { Timeout = 30_000 });
        await Expect(opened).ToContainTextAsync(source.GetProperty("title").GetString()!);
        await Expect(opened).ToContainTextAsync(source.GetProperty("locator").GetString()!);
        await Screenshot(page, "dashboard-record.png");
        await opened.Locator("button", new() { HasText = "Close" }).ClickAsync();
        await Expect(opened).ToHaveCountAsync(0);

        // A marker that a reload would lose; the new agreement must arrive while it is still there.
        await page.EvaluateAsync("() => { window.__stillTheSamePage = true; }");
        var title = Api.UniqueTitle("Cooperation of Gomel Oblast with the Huai'an Economic Development Zone");
        using var gomel = await system.ClientAsync("committee", Region, "gomel-clerk");
        await DashboardTests.RegisterAsync(gomel, DashboardTests.Agreement(DashboardTests.UniquePartner(), "cooperation", "2024-04-12", Region, title));

        await Expect(page.Locator(".feed li", new() { HasText = title }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        try
        {
            await Expect(agreements).ToHaveTextAsync((expected + 1).ToString(), new() { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            await Screenshot(page, "dashboard-failed.png");
            var now = (await ministry.GetJsonAsync($"/api/dashboard/summary?region={Region}")).GetProperty("agreements").GetProperty("total");
            Assert.Fail($"{e.Message}\nThe API now counts {now}. The page saw:\n{string.Join("\n", seen)}");
        }
        Assert.True(await page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true"), "The page was reloaded.");

        // A visit planned for next month shows in what is coming, without a reload.
        var purpose = Api.UniqueTitle("Talks on a joint assembly plant");
        await gomel.CreateAsync("/api/delegations/visits", new
        {
            direction = "incoming", host = new { code = Region }, guests = new object[] { new { code = "CN-JS" } },
            plannedFrom = DateTime.UtcNow.Date.AddDays(20).ToString("yyyy-MM-dd"), purpose,
        });
        await Expect(page.Locator("[data-card=upcoming] li", new() { HasText = purpose })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Screenshot(page, "dashboard.png");

        // The board on a past day says so plainly, and counts what had arrived by then: before this run's loading, nothing of it.
        await page.Locator("input[name=asOf]").FillAsync("2001-01-01T00:00");
        await Expect(page.Locator("[data-card=past] .notice")).ToContainTextAsync("This is the past", new() { Timeout = 30_000 });
        await Expect(agreements).ToHaveTextAsync(
            (await ministry.GetJsonAsync($"/api/dashboard/summary?region={Region}&asOf=2001-01-01T00:00:00Z")).GetProperty("agreements").GetProperty("total").GetInt32().ToString(),
            new() { Timeout = 30_000 });
        await Screenshot(page, "dashboard-past.png");
        await page.Locator("[data-card=past] button").ClickAsync();
        await Expect(page.Locator("[data-card=past] .notice")).ToHaveCountAsync(0);

        // The compiled report of the region chosen, for a period: a Word document downloaded, and the same as a page beside the board.
        await page.Locator("input[name=reportFrom]").FillAsync("2004");
        await page.Locator("input[name=reportTo]").FillAsync("2019");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-report=docx]").ClickAsync());
        Assert.Equal($"report-{Region}-all-2004-2019.docx", download.SuggestedFilename);
        await using (var stream = await download.CreateReadStreamAsync())
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(copy.ToArray()), isEditable: false);
            var text = document.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.StartsWith("Interregional cooperation: Gomel Oblast — all partners, 2004 – 2019", text);
            foreach (var entry in DemoAgreements(Region).Where(a => a.GetProperty("body").GetProperty("signedOn").GetString() is { } on && string.CompareOrdinal(on, "2004") >= 0 && string.CompareOrdinal(on, "2020") < 0))
                Assert.Contains(entry.GetProperty("body").GetProperty("title").GetString()!, text);
        }
        var report = await page.RunAndWaitForPopupAsync(() => page.Locator("[data-report=html]").ClickAsync());
        await Expect(report.Locator("h1")).ToHaveTextAsync("Interregional cooperation: Gomel Oblast — all partners, 2004 – 2019", new() { Timeout = 30_000 });
        await Screenshot(report, "dashboard-report.png");
        await report.CloseAsync();

        await page.Locator(".lang button", new() { HasText = "RU" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Межрегиональное сотрудничество");
        await Expect(page.Locator("[data-counter=agreements] .counter-label")).ToHaveTextAsync("Соглашения");
        await Screenshot(page, "dashboard-ru.png");

        // Signing out ends the provider's session too: the page says so, and signing in again asks for the password.
        await page.Locator(".who button", new() { HasText = "Выйти" }).ClickAsync();
        await Expect(page.Locator(".card.signin .notice")).ToHaveTextAsync("Вы вышли из системы.", new() { Timeout = 30_000 });
        await page.Locator(".card.signin button").ClickAsync();
        await Expect(page.Locator("input#password")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task A_committee_account_signs_in_and_is_told_the_dashboard_is_not_for_it()
    {
        var (clerk, password) = await NewAccountAsync("committee", "BY-VI");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"], Headless = true });
        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" })).NewPageAsync();
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) => seen.Enqueue($"console {message.Type}: {message.Text}");
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) seen.Enqueue($"navigated {frame.Url}"); };
        await page.GotoAsync(new Uri(system.Gateway.Address, "/dashboard").ToString());
        await page.Locator("input#userName").FillAsync(clerk);
        await page.Locator("input#password").FillAsync(password);
        await page.Locator("button[type=submit]", new() { HasText = "Войти" }).First.ClickAsync();
        try
        {
            await Expect(page.Locator(".card.signin .notice")).ToContainTextAsync("панель недоступна", new() { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            Assert.Fail($"{e.Message}\nThe page saw:\n{string.Join("\n", seen.Take(60))}");
        }
        await Expect(page.Locator(".counter-value")).ToHaveCountAsync(0);
    }

    /// <summary>A new account of the role, made by an admin over the API, and its generated password.</summary>
    private async Task<(string Name, string Password)> NewAccountAsync(string role, string? region = null)
    {
        using var admin = await system.ClientAsync("admin", sub: "dashboard-page-admin");
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        using var created = await admin.PostAsync("/api/identity/users", new { userName = name, displayName = $"Page test {role}", role, region });
        var body = await created.JsonAsync();
        Assert.True(created.IsSuccessStatusCode, body.ToString());
        return (name, body.GetProperty("newPassword").GetString()!);
    }

    /// <summary>
    /// A visit with a document signed, written after the demo data: once the agreement that the Agreements service
    /// registers for that document is in the feed, every demo event and every reaction to one has reached the dashboard,
    /// since each service publishes, and each consumer handles, in order.
    /// </summary>
    private Task WaitUntilAllDemoDataIsConsumedAsync() => WaitUntilAllDemoDataIsConsumedAsync(system);

    internal static async Task WaitUntilAllDemoDataIsConsumedAsync(CooperationSystem system)
    {
        await using var feed = await FeedStream.OpenAsync(system);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var partner = DashboardTests.UniquePartner();
        using var planned = await vitebsk.PostAsync("/api/delegations/visits", new
        {
            direction = "incoming", host = new { code = "BY-VI" }, guests = new object[] { new { name = partner, level = "organisation" } },
            plannedFrom = "2019-10",
        });
        Assert.True(planned.IsSuccessStatusCode, await planned.Content.ReadAsStringAsync());
        var visit = (await planned.JsonAsync()).GetProperty("id").GetGuid();
        using var signed = await vitebsk.PostAsync($"/api/delegations/visits/{visit}/documents", new
        {
            title = Api.UniqueTitle("Memorandum signed during the visit"), kind = "memorandum", signedOn = "2019-10-15",
            parties = new object[] { new { code = "BY-VI" }, new { name = partner, level = "organisation" } },
        });
        Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync());
        var agreement = (await signed.JsonAsync()).GetProperty("documents")[0].GetProperty("agreementId").GetGuid();
        await feed.WaitForStreamAsync(agreement, "AgreementRegistered");
    }

    private Task LoadDemoDataAsync() => LoadDemoDataAsync(system);

    /// <summary>Loads the demo data as deploy/run.sh does; like run.sh, goes on with what the API accepted (the counts say whether the seeds are there).</summary>
    internal static async Task LoadDemoDataAsync(CooperationSystem system)
    {
        var (exitCode, output) = await system.LoadDemoDataAsync();
        TestContext.Current.SendDiagnosticMessage($"demo loader exited with {exitCode}: {output}");
    }

    /// <summary>How many of the demo agreements the region's committee submits.</summary>
    private static int SeededAgreements(string region) => DemoAgreements(region).Count;

    /// <summary>The demo agreements the region's committee submits, as the demo data file holds them.</summary>
    private static List<JsonElement> DemoAgreements(string region)
    {
        using var demo = JsonDocument.Parse(File.ReadAllText(Path.Combine(CooperationSystem.Root, "deploy", "demo", "agreements.json")));
        return demo.RootElement.GetProperty("agreements").EnumerateArray()
            .Where(a => a.GetProperty("committee").TryGetProperty("region", out var r) && r.GetString() == region).Select(a => a.Clone()).ToList();
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
