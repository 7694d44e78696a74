using Cooperation.Sheets;
using Microsoft.OpenApi;
using Format = Cooperation.Sheets.SheetFormat;

namespace Cooperation.Dashboard.Sheets;

/// <summary>
/// What an upload did, as <c>coop import</c> prints it: the rows read, those created (in a dry run, those the API would
/// take; nothing is stored), those already there (stored before from the same cells by the same caller) and the rows
/// refused, each refusal with its row number in the sheet (the header is row 1), the field and the API's message.
/// </summary>
public sealed record SheetImportResult(string Kind, bool DryRun, int Rows, int Created, int AlreadyThere, int Refused, IReadOnlyList<Refusal> Refusals);

/// <summary>
/// The committees' spreadsheets on the workspace page: a kind's template to download, and a filled sheet uploaded (.xlsx or
/// .csv), checked (dryRun=true) or submitted row by row through the gateway with the caller's own token
/// (<see cref="GatewayWrites"/>), by the import loop and columns the command line uses (services/Cooperation.Sheets).
/// </summary>
public static class ImportingSheets
{
    /// <summary>An upload larger than this is refused (413): a thousand rows of any kind fit in a fraction of it.</summary>
    public const long MaxBytes = 2 * 1024 * 1024;

    /// <summary>Rows one upload may hold, so that it is answered within the gateway's timeout; more go by <c>coop import</c>.</summary>
    public const int MaxRows = 1000;

    public static RouteGroupBuilder MapImportingSheets(this RouteGroupBuilder group)
    {
        group.MapGet("/{kind}/template", Template)
            .RequireAuthorization(Policies.Read)
            .WithName("SheetTemplate")
            .WithSummary("An empty spreadsheet with the columns of a kind of record, to fill in and upload")
            .WithDescription($"`kind`: {Kind.Names}. An .xlsx file whose second sheet, \"columns\", explains each column with an example "
                + $"from the seeds; with `Accept: {SheetFiles.CsvMediaType}`, the header row as CSV. The same template as `coop template`.")
            .Produces(StatusCodes.Status200OK, contentType: SheetFiles.XlsxMediaType)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Responses?["200"] is OpenApiResponse ok)
                {
                    ok.Content ??= new Dictionary<string, OpenApiMediaType>();
                    foreach (var type in new[] { SheetFiles.XlsxMediaType, SheetFiles.CsvMediaType })
                        ok.Content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
                }
                return Task.CompletedTask;
            });
        group.MapPost("/{kind}/import", ImportAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("SheetImport")
            .WithSummary("Checks (dryRun=true) or submits every row of an uploaded spreadsheet, as coop import does")
            .WithDescription("A multipart form whose `file` is an .xlsx (its first sheet) or .csv file with the template's columns, at most "
                + $"{MaxBytes / 1024 / 1024} MB and {MaxRows} rows. Each row is written through the gateway with the caller's token and an "
                + "Idempotency-Key hashed from the kind and its cells, so a submit after a dry run, or a sheet uploaded again, stores each row "
                + "once (the rows stored before count as already there). `dryRun=true` sends each row with `?validateOnly=true` and stores "
                + "nothing. A refused row does not stop the others; the answer names each refused row's number, field and message.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Description = "The sheet, as a form field named file.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Required = new HashSet<string> { "file" },
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "An .xlsx or .csv file." },
                                },
                            },
                        },
                    },
                };
                return Task.CompletedTask;
            });
        return group;
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> Template(string kind, HttpContext http)
    {
        if (Kind.Named(kind) is not { } named) return NoKind(kind);
        var format = Exports.Requested(http) == Cooperation.EventSourcing.SheetFormat.Csv ? Format.Csv : Format.Xlsx;
        using var file = new MemoryStream();
        SheetFiles.WriteTemplate(named, file, format);
        return format == Format.Csv
            ? TypedResults.File(file.ToArray(), SheetFiles.CsvMediaType + "; charset=utf-8", $"{named.Name}.csv")
            : TypedResults.File(file.ToArray(), SheetFiles.XlsxMediaType, $"{named.Name}.xlsx");
    }

    private static async Task<Results<Ok<SheetImportResult>, ProblemHttpResult>> ImportAsync(string kind, bool? dryRun,
        GatewayWrites gateway, HttpContext http, CancellationToken ct)
    {
        if (Kind.Named(kind) is not { } named) return NoKind(kind);
        // The form is read here rather than bound, so that a kind that does not exist is 404 whatever the body.
        if (!http.Request.HasFormContentType)
            return DomainError.UnsupportedMediaType("Content-Type", "Upload the sheet as multipart/form-data, the file in the field 'file'.").ToProblem();
        IFormFile? file;
        try
        {
            file = (await http.Request.ReadFormAsync(ct)).Files.GetFile("file");
        }
        catch (InvalidDataException e)
        {
            return DomainError.BadRequest("file", $"The form cannot be read: {e.Message}").ToProblem();
        }
        if (file is null || file.Length == 0)
            return DomainError.Invalid("file", "Upload a spreadsheet: an .xlsx or .csv file in the form field 'file'.").ToProblem();
        if (file.Length > MaxBytes)
            return FileProblem(StatusCodes.Status413PayloadTooLarge, "The sheet is too large",
                $"The file is {file.Length / 1024} KB; at most {MaxBytes / 1024} KB is taken in one upload. Split it, or submit it with coop import.");
        Format format;
        List<Row> rows;
        try
        {
            format = SheetFiles.FormatOf(file.FileName);
        }
        catch (SheetException e)
        {
            return DomainError.UnsupportedMediaType("file", e.Message).ToProblem();
        }
        try
        {
            // MiniExcel reads an .xlsx (a zip) by seeking, which the upload's own stream may not allow.
            using var buffered = new MemoryStream();
            await file.CopyToAsync(buffered, ct);
            buffered.Position = 0;
            rows = SheetFiles.Read(buffered, format);
        }
        catch (SheetException e)
        {
            return DomainError.Invalid("file", e.Message).ToProblem();
        }
        if (rows.Count == 0) return DomainError.Invalid("file", "The sheet has no rows under its header.").ToProblem();
        if (rows.Count > MaxRows)
            return DomainError.Invalid("file", $"The sheet has {rows.Count} rows; at most {MaxRows} are taken in one upload. Split it, or submit it with coop import.")
                .ToProblem();
        if (!rows[0].Cells.Keys.Any(header => named.Columns.Any(c => c.Name == header)))
            return DomainError.Invalid("file", $"The sheet's first row names none of the columns of {named.Name} ({string.Join(", ", named.Columns.Select(c => c.Name))}): "
                + "start from its template.").ToProblem();
        if (!gateway.Configured)
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
                detail: "The Dashboard service is not told where the gateway is (Gateway:Address), so it cannot write the rows.");

        var dry = dryRun ?? false;
        var result = await SheetImport.RunAsync(named, rows, dry, gateway.For(http), ct: ct);
        return TypedResults.Ok(new SheetImportResult(named.Name, dry, result.Rows, result.Created, result.AlreadyThere, result.RefusedRows, result.Refusals));
    }

    private static ProblemHttpResult NoKind(string kind)
    {
        var message = $"There is no kind '{kind}': one of {Kind.Names}.";
        return new DomainError(ErrorKind.NotFound, message, new Dictionary<string, string[]> { ["kind"] = [message] }).ToProblem();
    }

    private static ProblemHttpResult FileProblem(int status, string title, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["file"] = [message] })
        {
            Status = status, Title = title, Detail = message,
        });
}
