using System.Globalization;
using System.Text;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Cooperation.EventSourcing;

/// <summary>A column of a list's spreadsheet: its heading in English and Russian and what each record puts in it.</summary>
public sealed record SheetColumn<T>(string En, string Ru, Func<T, object?> Value);

/// <summary>
/// A list as a spreadsheet: the columns a list declares, written as CSV or XLSX row by row as the records arrive, so that
/// no list is held whole in memory. Every list answers <c>Accept: text/csv</c> and the XLSX media type through this.
/// </summary>
public sealed class Sheet<T>(string fileName, params SheetColumn<T>[] columns)
{
    public IReadOnlyList<SheetColumn<T>> Columns => columns;

    /// <summary>The rows as a download in the format asked for, headed in the reader's language.</summary>
    public PushStreamHttpResult File(SheetFormat format, HttpContext http, IAsyncEnumerable<T> rows)
    {
        var russian = Exports.WantsRussian(http.Request);
        var headings = columns.Select(c => russian ? c.Ru : c.En).ToArray();
        var cells = Cells(rows, russian);
        var name = $"{fileName}-{DateTime.UtcNow:yyyy-MM-dd}";
        return format == SheetFormat.Csv
            ? TypedResults.Stream(body => Exports.WriteCsvAsync(body, headings, cells, http.RequestAborted), Exports.Csv + "; charset=utf-8", name + ".csv")
            : TypedResults.Stream(body => Exports.WriteXlsxAsync(body, fileName, headings, cells, http.RequestAborted), Exports.Xlsx, name + ".xlsx");
    }

    /// <summary>Rows already computed (a dashboard table, a series), as a download.</summary>
    public PushStreamHttpResult File(SheetFormat format, HttpContext http, IEnumerable<T> rows) => File(format, http, Exports.Async(rows));

    private async IAsyncEnumerable<object?[]> Cells(IAsyncEnumerable<T> rows, bool russian)
    {
        await foreach (var row in rows) yield return columns.Select(c => Exports.Cell(c.Value(row), russian)).ToArray();
    }
}

public enum SheetFormat { Csv, Xlsx }

/// <summary>A place in a cell: named from the gazetteer in the reader's language when its code is known there, else as given.</summary>
public sealed record SheetPlace(string? Code, string Name);

/// <summary>Words of the system's own in a cell, in the reader's language.</summary>
public sealed record SheetText(string En, string Ru);

public static class Exports
{
    public const string Csv = "text/csv";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The spreadsheet the Accept header asks for before JSON, if any: the most preferred of the media types named (by quality,
    /// then order); JSON, any type, and types no list answers leave the answer JSON, as before.
    /// </summary>
    public static SheetFormat? Requested(HttpContext http)
    {
        var accepted = http.Request.GetTypedHeaders().Accept;
        foreach (var type in accepted.OrderByDescending(a => a.Quality ?? 1))
        {
            if (type.MediaType.Equals(Csv, StringComparison.OrdinalIgnoreCase)) return SheetFormat.Csv;
            if (type.MediaType.Equals(Xlsx, StringComparison.OrdinalIgnoreCase)) return SheetFormat.Xlsx;
            if (type.MatchesAllTypes || type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)) return null;
        }
        return null;
    }

    /// <summary>Whether the reader prefers Russian to English (<c>Accept-Language</c>); English otherwise.</summary>
    public static bool WantsRussian(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => l.StartsWith("ru", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            ?.StartsWith("ru", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Declares in the OpenAPI document that the list's 200 also comes as CSV and XLSX files, beside its JSON (a second
    /// response type for one status would replace the JSON one, so the media types are added to the operation itself).
    /// </summary>
    public static RouteHandlerBuilder ProducesSheets(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
                foreach (var type in new[] { Csv, Xlsx })
                    content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
            return Task.CompletedTask;
        });

    /// <summary>Maps a list: a read (<see cref="Reads.MapRead"/>) that also answers as a spreadsheet.</summary>
    public static RouteGroupBuilder MapList(this RouteGroupBuilder group, string pattern, Delegate handler, string name, string summary,
        string? description = null)
    {
        var list = group.MapGet(pattern, handler)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription((description is null ? "" : description + " ")
                + $"With `Accept: {Csv}` or `Accept: {Xlsx}`, every record the filters keep (no paging), headed in the language of `Accept-Language` (ru or en).")
            .ProducesSheets();
        return group;
    }

    /// <summary>What a cell holds: numbers stay numbers; places by their name in the reader's language; dates as written.</summary>
    internal static object? Cell(object? value, bool russian) => value switch
    {
        null => null,
        string s => s,
        int or long or decimal or double => value,
        Party p => NameOf(new SheetPlace(p.Code, p.Name), russian),
        SheetPlace p => NameOf(p, russian),
        SheetText t => russian ? t.Ru : t.En,
        IEnumerable<Party> parties => string.Join("; ", parties.Select(p => NameOf(new SheetPlace(p.Code, p.Name), russian))),
        IEnumerable<SheetPlace> places => string.Join("; ", places.Select(p => NameOf(p, russian))),
        IEnumerable<KeyValuePair<string, string>> pairs => string.Join("; ", pairs.Select(p => $"{p.Key}: {p.Value}")),
        IEnumerable<string> strings => string.Join("; ", strings),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        Enum e => EnumNames.Policy.ConvertName(e.ToString()),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static string NameOf(SheetPlace party, bool russian) =>
        party.Code is { } code && Gazetteer.Default.Find(code) is { } place ? (russian ? place.Names.Ru : place.Names.En) : party.Name;

    internal static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> rows)
    {
        foreach (var row in rows) yield return row;
        await Task.CompletedTask;
    }

    public static readonly SheetText DateNotRecorded = new("signed, date not recorded", "подписано, дата не указана");

    private const int RowsPerFlush = 500;

    /// <summary>
    /// CSV in UTF-8 with a byte order mark (so spreadsheet programs read Cyrillic right), written a few hundred rows at a time
    /// into a small buffer and on to the response; text a spreadsheet would take for a formula is escaped.
    /// </summary>
    internal static async Task WriteCsvAsync(Stream body, string[] headings, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using var text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(text, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture)
        {
            InjectionOptions = CsvHelper.Configuration.InjectionOptions.Escape,
        });
        async Task Flush()
        {
            await csv.FlushAsync();
            buffer.Position = 0;
            await buffer.CopyToAsync(body, ct);
            buffer.SetLength(0);
            await body.FlushAsync(ct);
        }

        foreach (var heading in headings) csv.WriteField(heading);
        await csv.NextRecordAsync();
        var written = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var cell in row) csv.WriteField(cell is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : cell as string ?? "");
            await csv.NextRecordAsync();
            if (++written % RowsPerFlush == 0) await Flush();
        }
        await Flush();
    }

    /// <summary>
    /// XLSX written row by row with <see cref="OpenXmlWriter"/> into a temporary file (a ZIP package is finished only at its
    /// end), then streamed to the response; neither the rows nor the file are held in memory.
    /// </summary>
    internal static async Task WriteXlsxAsync(Stream body, string sheetName, string[] headings, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        using (var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(worksheet))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, headings);
                await foreach (var row in rows.WithCancellation(ct)) WriteRow(writer, row);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = sheetName.Length > 31 ? sheetName[..31] : sheetName }));
        }
        file.Position = 0;
        await file.CopyToAsync(body, ct);
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<object?> cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in cells)
        {
            switch (value)
            {
                case null:
                    writer.WriteElement(new Cell());
                    break;
                case int or long or decimal or double:
                    writer.WriteElement(new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!) });
                    break;
                default:
                    writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(XmlText(value.ToString()!))) });
                    break;
            }
        }
        writer.WriteEndElement();
    }

    /// <summary>Text without the control characters XML cannot carry (they may be stored; they cannot be written into a sheet).</summary>
    private static string XmlText(string text) =>
        text.Any(NotInXml) ? new string(text.Where(c => !NotInXml(c)).ToArray()) : text;

    private static bool NotInXml(char c) => (c < ' ' && c is not '\t' and not '\n' and not '\r') || c is '\uFFFE' or '\uFFFF';
}
