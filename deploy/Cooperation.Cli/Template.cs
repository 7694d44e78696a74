using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cooperation.Cli;

public sealed class TemplateCommand : Command<TemplateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<kind>")]
        [Description("agreements, visits, trade-reports or projects.")]
        public string Kind { get; init; } = "";

        [CommandArgument(1, "<file>")]
        [Description("The file to write: .xlsx (with a sheet explaining the columns) or .csv.")]
        public string File { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        if (Kind.Named(settings.Kind) is not { } kind)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]There is no kind '{settings.Kind}': one of {Kind.Names}.[/]");
            return 1;
        }
        try
        {
            Sheets.WriteTemplate(kind, settings.File);
        }
        catch (CliException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 1;
        }
        AnsiConsole.MarkupLineInterpolated($"Wrote {settings.File}: {string.Join(", ", kind.Columns.Select(c => c.Name))}.");
        return 0;
    }
}
