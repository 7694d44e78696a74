using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cooperation.Api.Tests;

/// <summary>
/// Accounts of the provider, administered over its API and signed in as people do: a clerk signs the command line in by
/// the device flow (the approval made over HTTP as a browser makes it, through the provider's sign-in page), writes in its
/// region, and is refused at its next refresh once disabled; the record names who did each.
/// </summary>
public partial class AccountsTests(CooperationSystem system)
{
    [Fact]
    public async Task An_admin_creates_a_Grodno_clerk_who_signs_in_by_the_device_flow_writes_a_Grodno_record_and_once_disabled_is_refused_at_the_next_refresh()
    {
        using var admin = await system.ClientAsync("admin", sub: "identity-admin");
        var name = $"grodno-clerk-{Guid.NewGuid():N}"[..24];
        using var created = await admin.PostAsync("/api/identity/users", new { userName = name, displayName = "Grodno clerk", role = "committee", region = "by-hr" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var password = (await created.JsonAsync()).GetProperty("newPassword").GetString()!;

        var tokens = await DeviceSignInAsync(name, password);
        using var clerk = new HttpClient { BaseAddress = system.Gateway.Address };
        clerk.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var grodno = await clerk.PostAsync("/api/delegations/visits", Api.Visit(Api.UniqueTitle("Grodno clerk's visit"), host: "BY-HR"));
        Assert.Equal(HttpStatusCode.Created, grodno.StatusCode);
        using var vitebsk = await clerk.PostAsync("/api/delegations/visits", Api.Visit(Api.UniqueTitle("Not the clerk's visit"), host: "BY-VI"));
        Assert.Equal(HttpStatusCode.Forbidden, vitebsk.StatusCode);

        var refreshed = await RefreshAsync(tokens.GetProperty("refresh_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        using var disabled = await admin.PostAsync($"/api/identity/users/{name}/disable", new { });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        var refused = await RefreshAsync((await refreshed.JsonAsync()).GetProperty("refresh_token").GetString()!);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_grant", (await refused.JsonAsync()).GetProperty("error").GetString());

        using var auditor = await system.ClientAsync("auditor");
        var events = (await auditor.GetJsonAsync($"/api/identity/events?account={name}")).EnumerateArray().ToList();
        Assert.Equal(["created", "disabled"], events.Select(e => e.GetProperty("action").GetString()));
        Assert.All(events, e => Assert.Equal("identity-admin", e.GetProperty("actor").GetString()));
        Assert.Equal("role committee, region BY-HR", events[0].GetProperty("detail").GetString());
        using var clerkReadsEvents = await clerk.GetAsync("/api/identity/events");
        Assert.Equal(HttpStatusCode.Forbidden, clerkReadsEvents.StatusCode);
    }

    [Fact]
    public async Task Accounts_created_at_the_same_time_by_one_admin_are_each_created_once_and_recorded()
    {
        using var admin = await system.ClientAsync("admin", sub: "identity-concurrent-admin");
        var names = Enumerable.Range(0, 12).Select(i => $"together-{i}-{Guid.NewGuid():N}"[..24]).ToList();
        // Each name twice at once: one is created, the other is told it exists.
        var answers = await Task.WhenAll(names.Concat(names).Select(async name =>
        {
            using var response = await admin.PostAsync("/api/identity/users", new { userName = name, displayName = "Created together", role = "committee", region = "BY-VI" });
            return (name, response.StatusCode);
        }));
        Assert.All(names, name => Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict],
            answers.Where(a => a.name == name).Select(a => a.StatusCode).Order()));
        using var auditor = await system.ClientAsync("auditor");
        foreach (var name in names)
            Assert.Equal(["created"], (await auditor.GetJsonAsync($"/api/identity/events?account={name}")).EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task The_page_s_client_signs_in_by_the_code_flow_with_PKCE_and_signing_out_ends_the_provider_s_session()
    {
        using var admin = await system.ClientAsync("admin", sub: "identity-admin");
        var name = $"analyst-{Guid.NewGuid():N}"[..20];
        using var created = await admin.PostAsync("/api/identity/users", new { userName = name, displayName = "Analyst", role = "ministry" });
        var password = (await created.JsonAsync()).GetProperty("newPassword").GetString()!;
        var verifier = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var page = $"{system.Issuer}dashboard/";
        var authorize = $"/connect/authorize?client_id=dashboard&response_type=code&scope=offline_access&state=s1&code_challenge_method=S256" +
            $"&code_challenge={challenge}&redirect_uri={Uri.EscapeDataString(page)}";

        using var browser = Browser();
        using var landed = await SignInAsync(browser, authorize, name, password);
        var back = landed.RequestMessage!.RequestUri!;
        Assert.StartsWith(page, back.AbsoluteUri);
        var query = System.Web.HttpUtility.ParseQueryString(back.Query);
        Assert.Equal("s1", query["state"]);
        using var withoutVerifier = await system.Http.PostAsync("/connect/token", Form(("grant_type", "authorization_code"), ("client_id", "dashboard"),
            ("code", query["code"]!), ("redirect_uri", page), ("code_verifier", "not-the-verifier-not-the-verifier-not-the-verifier")));
        Assert.Equal(HttpStatusCode.BadRequest, withoutVerifier.StatusCode);

        // Still signed in at the provider: the next authorization asks for no password.
        using var again = await browser.GetAsync(authorize);
        Assert.StartsWith(page, again.RequestMessage!.RequestUri!.AbsoluteUri);
        var code = System.Web.HttpUtility.ParseQueryString(again.RequestMessage!.RequestUri!.Query)["code"]!;
        using var issued = await system.Http.PostAsync("/connect/token", Form(("grant_type", "authorization_code"), ("client_id", "dashboard"),
            ("code", code), ("redirect_uri", page), ("code_verifier", verifier)));
        var tokens = await issued.JsonAsync();
        Assert.True(issued.IsSuccessStatusCode, tokens.ToString());
        Assert.True(tokens.TryGetProperty("refresh_token", out _));
        using var analyst = new HttpClient { BaseAddress = system.Gateway.Address };
        analyst.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/agreements?pageSize=1")).StatusCode);

        using var signedOut = await browser.GetAsync("/connect/endsession");
        Assert.Contains("/connect/signin", signedOut.RequestMessage!.RequestUri!.AbsolutePath);
        using var afterwards = await browser.GetAsync(authorize);
        Assert.Contains("/connect/signin", afterwards.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_ones_lock_the_account()
    {
        using var admin = await system.ClientAsync("admin", sub: "identity-admin");
        var name = $"locked-clerk-{Guid.NewGuid():N}"[..24];
        using var created = await admin.PostAsync("/api/identity/users", new { userName = name, displayName = "Clerk", role = "ministry" });
        var password = (await created.JsonAsync()).GetProperty("newPassword").GetString()!;
        using var browser = Browser();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(browser, "/connect/verify", name, "not the password at all");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var locked = await SignInAsync(browser, "/connect/verify", name, password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Coop_login_signs_an_admin_in_by_the_device_flow_keeps_the_tokens_0600_administers_accounts_and_coop_logout_forgets_them()
    {
        using var admin = await system.ClientAsync("admin", sub: "identity-admin");
        var name = $"cli-admin-{Guid.NewGuid():N}"[..20];
        using var created = await admin.PostAsync("/api/identity/users", new { userName = name, displayName = "CLI admin", role = "admin" });
        var password = (await created.JsonAsync()).GetProperty("newPassword").GetString()!;
        var config = Directory.CreateTempSubdirectory("coop-config-");
        try
        {
            using var login = Coop(config.FullName, "login");
            string? line;
            do line = await login.StandardOutput.ReadLineAsync();
            while (line is not null && !line.Contains("enter the code", StringComparison.Ordinal));
            Assert.NotNull(line);
            var words = line.Split(' ');
            var page = new Uri(words[1]);
            var code = words[^1];

            using var browser = Browser();
            using var approvePage = await SignInAsync(browser, $"{page.PathAndQuery}?user_code={Uri.EscapeDataString(code)}", name, password);
            using var approved = await browser.PostAsync("/connect/verify", Form([.. Hidden(await approvePage.Content.ReadAsStringAsync()), ("user_code", code)]));
            Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
            var rest = await login.StandardOutput.ReadToEndAsync();
            await login.WaitForExitAsync();
            Assert.True(login.ExitCode == 0, rest + await login.StandardError.ReadToEndAsync());
            var tokens = Path.Combine(config.FullName, "cooperation", "tokens.json");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokens));

            var clerk = $"cli-clerk-{Guid.NewGuid():N}"[..20];
            var (createdByCli, output) = await CoopAsync(config.FullName, "users", "create", clerk, "--role", "committee", "--region", "BY-HR");
            Assert.True(createdByCli == 0, output);
            Assert.StartsWith($"{clerk} ", output);
            var (listed, list) = await CoopAsync(config.FullName, "users", "list");
            Assert.True(listed == 0, list);
            Assert.Contains(list.Split('\n'), l => l.StartsWith(clerk, StringComparison.Ordinal) && l.Contains("BY-HR"));
            using var auditor = await system.ClientAsync("auditor");
            var events = (await auditor.GetJsonAsync($"/api/identity/events?account={clerk}")).EnumerateArray().ToList();
            Assert.Equal(name, Assert.Single(events).GetProperty("actor").GetString());

            Assert.Equal(0, (await CoopAsync(config.FullName, "logout")).ExitCode);
            var (afterLogout, refused) = await CoopAsync(config.FullName, "users", "list");
            Assert.NotEqual(0, afterLogout);
            Assert.Contains("401", refused);
        }
        finally
        {
            config.Delete(recursive: true);
        }
    }

    private Process Coop(string config, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(CooperationSystem.Assembly("deploy/Cooperation.Cli", "coop"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["COOP_GATEWAY"] = system.Gateway.Address.ToString();
        start.Environment.Remove("COOP_TOKEN");
        start.Environment["XDG_CONFIG_HOME"] = config;
        start.Environment["COLUMNS"] = "400";
        return Process.Start(start)!;
    }

    private async Task<(int ExitCode, string Output)> CoopAsync(string config, params string[] arguments)
    {
        using var process = Coop(config, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>The command line's side of the device flow, and the user's, in a browser of cookies and forms.</summary>
    private async Task<JsonElement> DeviceSignInAsync(string name, string password)
    {
        using var device = await system.Http.PostAsync("/connect/device", Form(("client_id", "coop-cli"), ("scope", "offline_access")));
        Assert.True(device.IsSuccessStatusCode, await device.Content.ReadAsStringAsync());
        var grant = await device.JsonAsync();
        var verification = new Uri(grant.GetProperty("verification_uri").GetString()!);
        Assert.StartsWith(system.Issuer, verification.AbsoluteUri);

        using var browser = Browser();
        using var pending = await system.Http.PostAsync("/connect/token", Form(("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("client_id", "coop-cli"), ("device_code", grant.GetProperty("device_code").GetString()!)));
        Assert.Equal("authorization_pending", (await pending.JsonAsync()).GetProperty("error").GetString());

        using var approvePage = await SignInAsync(browser, $"{verification.PathAndQuery}?user_code={Uri.EscapeDataString(grant.GetProperty("user_code").GetString()!)}", name, password);
        var approve = await approvePage.Content.ReadAsStringAsync();
        Assert.True(approvePage.StatusCode == HttpStatusCode.OK, approve);
        using var approved = await browser.PostAsync("/connect/verify", Form([.. Hidden(approve), ("user_code", grant.GetProperty("user_code").GetString()!)]));
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());

        using var issued = await system.Http.PostAsync("/connect/token", Form(("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("client_id", "coop-cli"), ("device_code", grant.GetProperty("device_code").GetString()!)));
        var tokens = await issued.JsonAsync();
        Assert.True(issued.IsSuccessStatusCode, tokens.ToString());
        return tokens;
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        system.Http.PostAsync("/connect/token", Form(("grant_type", "refresh_token"), ("client_id", "coop-cli"), ("refresh_token", refreshToken)));

    /// <summary>Opens a page of the provider, is sent to its sign-in page, and signs in there; answers the page it lands on.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string page, string name, string password)
    {
        using var signInPage = await browser.GetAsync(page);
        var html = await signInPage.Content.ReadAsStringAsync();
        Assert.Contains("/connect/signin", signInPage.RequestMessage!.RequestUri!.AbsolutePath);
        return await browser.PostAsync("/connect/signin", Form([.. Hidden(html), ("userName", name), ("password", password)]));
    }

    private HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true })
    {
        BaseAddress = system.Gateway.Address, Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The hidden fields of the page's first form: the anti-forgery token, where to return, the language.</summary>
    private static (string, string)[] Hidden(string html)
    {
        var form = html[html.IndexOf("<form", StringComparison.Ordinal)..];
        form = form[..form.IndexOf("</form>", StringComparison.Ordinal)];
        return HiddenInput().Matches(form).Select(m => (WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value))).ToArray();
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}
