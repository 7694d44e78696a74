using Cooperation.Cli;
using Spectre.Console.Cli;

// coop: what a committee's clerk and an auditor do from a terminal, on the public API only.
var app = new CommandApp();
app.Configure(c =>
{
    c.SetApplicationName("coop");
    c.AddCommand<LoginCommand>("login").WithDescription("Signs in by the device flow: prints a code to enter on the provider's page, then keeps the tokens.");
    c.AddCommand<LogoutCommand>("logout").WithDescription("Forgets the tokens coop login kept for the gateway.");
    c.AddCommand<UsersCommand>("users").WithDescription("Administers accounts (admins): list, create, disable, enable, reset-password, set-role.")
        .WithExample("users", "create", "grodno-clerk", "--role", "committee", "--region", "BY-HR", "--display-name", "Grodno clerk");
    c.AddCommand<TokenCommand>("token").WithDescription("Mints a token where the gateway's development endpoint is on.")
        .WithExample("token", "--role", "committee", "--region", "BY-VI");
    c.AddCommand<TemplateCommand>("template").WithDescription("Writes an empty .xlsx or .csv with the columns of a kind of record.")
        .WithExample("template", "agreements", "agreements.xlsx");
    c.AddCommand<ImportCommand>("import").WithDescription("Submits every row of a spreadsheet through the API; run again, it creates nothing twice.")
        .WithExample("import", "agreements", "agreements.xlsx");
    c.AddCommand<ExportCommand>("export").WithDescription("Streams a service's ordered log, with each event's hash and the checkpoints, to a file.")
        .WithExample("export", "agreements", "--out", "agreements.ndjson");
    c.AddCommand<VerifyCommand>("verify").WithDescription("Checks an exported log offline: hashes, chains, checkpoints and, given --head, a saved head.")
        .WithExample("verify", "agreements.ndjson", "--head", "<head of a checkpoint saved earlier>");
    c.AddCommand<ReplayCommand>("replay").WithDescription("Requests a replay of a range of the log into a queue and follows it to the end.")
        .WithExample("replay", "agreements", "--queue", "replay.audit-2026", "--from", "1", "--to", "500");
});
return await app.RunAsync(args);
