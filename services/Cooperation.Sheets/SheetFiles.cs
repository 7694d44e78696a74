using System.Data;
using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace Cooperation.Sheets;

public enum SheetFormat { Xlsx, Csv }

/// <summary>A file that is no sheet the import reads: of another type, or one that cannot be read as its type says.</summary>
public sealed class SheetException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Spreadsheets as the committees keep them: .xlsx through MiniExcel, .csv through CsvHelper; the file's extension decides.</summary>
public static class SheetFiles
{
    public const string ColumnsSheet = "columns";
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvMediaType = "text/csv";

    /// <summary>The format a file's name says (.xlsx or .csv), or a <see cref="SheetException"/>.</summary>
    public static SheetFormat FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".xlsx" => SheetFormat.Xlsx,
        ".csv" => SheetFormat.Csv,
        var other => throw new SheetException($"A spreadsheet must be .xlsx or .csv, not '{(other.Length > 0 ? other : fileName)}'."),
    };

    /// <summary>
    /// An empty sheet with the kind's columns; in .xlsx, a second sheet explaining each in English and Russian with an example
    /// (column, meaning, значение, example).
    /// </summary>
    public static void WriteTemplate(Kind kind, Stream output, SheetFormat format)
    {
        if (format == SheetFormat.Xlsx)
        {
            var rows = new DataTable(kind.Name);
            foreach (var column in kind.Columns) rows.Columns.Add(column.Name);
            var help = kind.Columns.Select(c => new Dictionary<string, object> { ["column"] = c.Name, ["meaning"] = c.Meaning, ["значение"] = c.MeaningRu, ["example"] = c.Example });
            output.SaveAs(new Dictionary<string, object> { [kind.Name] = rows, [ColumnsSheet] = help.ToList() });
            return;
        }
        using var writer = new StreamWriter(output, leaveOpen: true);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in kind.Columns) csv.WriteField(column.Name);
        csv.NextRecord();
    }

    /// <summary>
    /// The rows of the first sheet, numbered as a spreadsheet numbers them (the header is row 1); empty rows are left out. A
    /// file that cannot be read as its format is a <see cref="SheetException"/>.
    /// </summary>
    public static List<Row> Read(Stream input, SheetFormat format)
    {
        try
        {
            return format == SheetFormat.Xlsx ? ReadXlsx(input) : ReadCsv(input);
        }
        catch (Exception e) when (e is not SheetException and not OperationCanceledException)
        {
            throw new SheetException($"The file cannot be read as {(format == SheetFormat.Xlsx ? ".xlsx" : ".csv")}: {e.Message}", e);
        }
    }

    private static List<Row> ReadXlsx(Stream input)
    {
        var rows = new List<Row>();
        var number = 1;
        foreach (IDictionary<string, object?> cells in input.Query(useHeaderRow: true, excelType: ExcelType.XLSX))
        {
            number++;
            var row = cells.ToDictionary(c => c.Key, c => Text(c.Value));
            if (row.Values.Any(v => !string.IsNullOrWhiteSpace(v))) rows.Add(new Row(number, row));
        }
        return rows;
    }

    private static List<Row> ReadCsv(Stream input)
    {
        var rows = new List<Row>();
        using var reader = new StreamReader(input, leaveOpen: true);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        if (!csv.Read()) return rows;
        csv.ReadHeader();
        var headers = csv.HeaderRecord ?? [];
        while (csv.Read())
        {
            var row = headers.Distinct().ToDictionary(h => h, h => csv.GetField(h));
            if (row.Values.Any(v => !string.IsNullOrWhiteSpace(v))) rows.Add(new Row(csv.Parser.Row, row));
        }
        return rows;
    }

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
