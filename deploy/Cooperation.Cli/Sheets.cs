using System.Data;
using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace Cooperation.Cli;

/// <summary>Spreadsheets as the committees keep them: .xlsx through MiniExcel, .csv through CsvHelper; the extension decides.</summary>
public static class Sheets
{
    public const string ColumnsSheet = "columns";

    /// <summary>An empty sheet with the kind's columns; in .xlsx, a second sheet explaining each with an example.</summary>
    public static void WriteTemplate(Kind kind, string path)
    {
        switch (Format(path))
        {
            case ".xlsx":
                var rows = new DataTable(kind.Name);
                foreach (var column in kind.Columns) rows.Columns.Add(column.Name);
                var help = kind.Columns.Select(c => new Dictionary<string, object> { ["column"] = c.Name, ["meaning"] = c.Meaning, ["example"] = c.Example });
                MiniExcel.SaveAs(path, new Dictionary<string, object> { [kind.Name] = rows, [ColumnsSheet] = help.ToList() }, overwriteFile: true);
                break;
            default:
                using (var writer = new StreamWriter(path))
                using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
                {
                    foreach (var column in kind.Columns) csv.WriteField(column.Name);
                    csv.NextRecord();
                }
                break;
        }
    }

    /// <summary>The rows of the first sheet, numbered as a spreadsheet numbers them (the header is row 1).</summary>
    public static List<Row> Read(string path)
    {
        var rows = new List<Row>();
        if (Format(path) == ".xlsx")
        {
            var number = 1;
            foreach (IDictionary<string, object?> cells in MiniExcel.Query(path, useHeaderRow: true))
            {
                number++;
                var row = cells.ToDictionary(c => c.Key, c => Text(c.Value));
                if (row.Values.Any(v => !string.IsNullOrWhiteSpace(v))) rows.Add(new Row(number, row));
            }
            return rows;
        }
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        if (!csv.Read()) return rows;
        csv.ReadHeader();
        var headers = csv.HeaderRecord ?? [];
        while (csv.Read())
        {
            var row = headers.ToDictionary(h => h, h => csv.GetField(h));
            if (row.Values.Any(v => !string.IsNullOrWhiteSpace(v))) rows.Add(new Row(csv.Parser.Row, row));
        }
        return rows;
    }

    private static string Format(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".xlsx" => ".xlsx",
        ".csv" => ".csv",
        var other => throw new CliException($"{path}: a spreadsheet must be .xlsx or .csv, not '{other}'."),
    };

    /// <summary>A cell as text: numbers in invariant form, dates as the partial dates the API reads (a day).</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double n => n.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
