using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Cooperation.Faults;

/// <summary>50 clients amend one agreement at the same version: exactly one wins, the others are told 412.</summary>
internal sealed class IfMatchRace(Suite suite) : StandaloneFault(suite, "50 clients on one stream with If-Match", "50 clients, If-Match on one stream")
{
    protected override async Task<Result> MakeAsync(Result row)
    {
        var answers = row.Answers;
        var id = await Suite.Writer.RegisterAsync(Writer.Title(Suite.Run, "if-match", 0), $"faults-{Suite.Run}-if-match");
        var winners = 0;
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/agreements/{id}/amendments")
            {
                Content = JsonContent.Create(new { summary = $"Amendment by client {i}", effectiveOn = "2024" }),
            };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
            using var response = await Suite.Committee.SendAsync(request);
            if (response.IsSuccessStatusCode) { Interlocked.Increment(ref winners); answers.Acked.Enqueue(new Acknowledged(id, "agreement_amended", $"if-match-{i}", DateTimeOffset.UtcNow)); }
            else await answers.NoteAsync(response, "POST amendments with If-Match");
        }));
        // The stream's version counts its events: the registration and every amendment stored.
        using var read = await Suite.Committee.GetAsync($"/api/agreements/{id}");
        var amendments = int.Parse(read.Headers.ETag!.Tag.Trim('"')) - 1;
        return row with
        {
            Stored = amendments, Doubled = Math.Max(0, amendments - winners), CountsPublication = true,
            Problem = winners == 1 && answers.Refused.Keys.All(k => k is "412" or "409") ? null : $"{winners} winners, {answers.RefusedText}",
        };
    }
}
