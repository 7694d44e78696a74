using System.ComponentModel;
using Cooperation.Sheets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Cooperation.Cli;

public sealed class TemplateCommand : FileCommand<TemplateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<kind>")]
        [Description("agreements, visits, visit-counts, occasions, exchanges, commissions, trade-reports or projects.")]
        public string Kind { get; init; } = "";

        [CommandArgument(1, "<file>")]
        [Description("The file to write: .xlsx (with a sheet explaining the columns) or .csv.")]
        public string File { get; init; } = "";
    }

    protected override int Run(Settings settings)
    {
        var kind = Kind.Named(settings.Kind) ?? throw new CliException($"There is no kind '{settings.Kind}': one of {Kind.Names}.");
        SheetFormat format;
        try
        {
            format = SheetFiles.FormatOf(settings.File);
        }
        catch (SheetException e)
        {
            throw new CliException($"{settings.File}: {e.Message}");
        }
        using (var file = System.IO.File.Create(settings.File)) SheetFiles.WriteTemplate(kind, file, format);
        AnsiConsole.MarkupLineInterpolated($"Wrote {settings.File}: {string.Join(", ", kind.Columns.Select(c => c.Name))}.");
        return 0;
    }
}
