using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cooperation.EventSourcing;
using Cooperation.Vocabulary;

namespace Cooperation.Audit;

/// <summary>
/// The form an event is hashed in: one JSON object with keys sorted by ordinal, no whitespace, and numbers written as
/// their decimal value, so that the JSON Marten wrote and the jsonb PostgreSQL hands back hash alike (jsonb reorders
/// keys, drops whitespace, decodes escapes and keeps numbers as numeric).
/// </summary>
public static class Canonical
{
    /// <summary>The previous hash of a stream's first event.</summary>
    public const string Genesis = "";

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Everything about an event that is fixed when it is appended; the database assigns only the sequence.</summary>
    public sealed record Fields(Guid Id, Guid StreamId, long Version, string Type, DateTimeOffset RecordedAt, string? UserName,
        string? CorrelationId, string? CausationId, string? HeadersJson, string DataJson);

    /// <summary>SHA-256 over the previous event's hash and the event's canonical form, as lowercase hex.</summary>
    public static string Hash(string previousHash, Fields e)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + e.DataJson.Length);
        using (var w = new Utf8JsonWriter(buffer, Writer))
        {
            w.WriteStartObject();
            // Keys in ordinal order.
            w.WriteString("causationId", e.CausationId);
            w.WriteString("correlationId", e.CorrelationId);
            w.WritePropertyName("data");
            Write(w, e.DataJson);
            w.WritePropertyName("headers");
            WriteHeaders(w, e.HeadersJson);
            w.WriteString("id", e.Id.ToString("D"));
            w.WriteString("previousHash", previousHash);
            w.WriteString("recordedAt", Timestamp(e.RecordedAt));
            w.WriteString("stream", e.StreamId.ToString("D"));
            w.WriteString("type", e.Type);
            w.WriteString("userName", e.UserName);
            w.WriteNumber("version", e.Version);
            w.WriteEndObject();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    public static string Timestamp(DateTimeOffset t) =>
        MicrosecondClock.Truncate(t).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteHeaders(Utf8JsonWriter w, string? headersJson)
    {
        if (string.IsNullOrEmpty(headersJson) || headersJson == "null")
        {
            w.WriteStartObject();
            w.WriteEndObject();
            return;
        }
        using var doc = JsonDocument.Parse(headersJson);
        w.WriteStartObject();
        // The hash cannot cover itself.
        foreach (var p in doc.RootElement.EnumerateObject().Where(p => p.Name != EventHeaders.Hash).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            w.WritePropertyName(p.Name);
            Write(w, p.Value);
        }
        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, string json)
    {
        using var doc = JsonDocument.Parse(json);
        Write(w, doc.RootElement);
    }

    private static void Write(Utf8JsonWriter w, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    w.WritePropertyName(p.Name);
                    Write(w, p.Value);
                }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in e.EnumerateArray()) Write(w, item);
                w.WriteEndArray();
                break;
            case JsonValueKind.String:
                w.WriteStringValue(e.GetString());
                break;
            case JsonValueKind.Number:
                w.WriteRawValue(Number(e.GetRawText()), skipInputValidation: true);
                break;
            case JsonValueKind.True:
                w.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                w.WriteBooleanValue(false);
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }

    /// <summary>A number by its value: 1.50, 1.5 and 15E-1 all read 1.5.</summary>
    private static string Number(string raw)
    {
        if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return d.ToString("0.############################", CultureInfo.InvariantCulture);
        return double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
    }
}
