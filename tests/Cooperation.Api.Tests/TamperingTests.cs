using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using static Cooperation.Api.Tests.Database;

namespace Cooperation.Api.Tests;

/// <summary>
/// Changes made directly in PostgreSQL, behind the service's back, and put right afterwards. They break the whole log
/// while they last, so these tests run on their own.
/// </summary>
[Collection(nameof(TamperingTests))]
[CollectionDefinition(nameof(TamperingTests), DisableParallelization = true)]
public class TamperingTests(CooperationSystem system)
{
    [Fact]
    public async Task An_intact_history_verifies_for_the_record_and_for_the_whole_log()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        var id = await Audit.AgreementWithEventsAsync(vitebsk, extensions: 2);
        await Audit.SealedAsync(auditor, (await Audit.SequencesAsync(vitebsk, id))[^1]);

        var record = await auditor.GetJsonAsync($"/api/agreements/{id}/verify");
        var log = await auditor.GetJsonAsync("/api/agreements/events/verify");

        Assert.True(record.GetProperty("intact").GetBoolean(), record.GetRawText());
        Assert.Equal(4, record.GetProperty("checked").GetInt64());
        Assert.True(log.GetProperty("intact").GetBoolean(), log.GetRawText());
        Assert.True(log.GetProperty("checkpoints").GetInt64() >= 1);
        Assert.Matches("^[0-9a-f]{64}$", log.GetProperty("head").GetString());
    }

    [Fact]
    public async Task An_update_of_one_events_data_in_PostgreSQL_is_found_by_verify_and_named()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        var id = await Audit.AgreementWithEventsAsync(vitebsk, extensions: 2);
        var sequences = await Audit.SequencesAsync(vitebsk, id);
        var tampered = sequences[1];

        await using var connection = await OpenAsync(system.Postgres);
        var original = await ScalarAsync<string>(connection, "select data::text from agreements.mt_events where seq_id = $1", tampered);
        await ExecuteAsync(connection, """update agreements.mt_events set data = jsonb_set(data, '{place}', '"Minsk"') where seq_id = $1""", tampered);
        try
        {
            var record = await auditor.GetJsonAsync($"/api/agreements/{id}/verify");
            var log = await auditor.GetJsonAsync("/api/agreements/events/verify");

            Assert.False(record.GetProperty("intact").GetBoolean());
            Assert.Equal(tampered, record.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
            Assert.Equal(2, record.GetProperty("firstBroken").GetProperty("version").GetInt64());
            Assert.False(log.GetProperty("intact").GetBoolean());
            Assert.Equal(tampered, log.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
            Assert.Equal(id, log.GetProperty("firstBroken").GetProperty("streamId").GetGuid());
            Assert.Contains("does not match its hash", log.GetProperty("firstBroken").GetProperty("reason").GetString());
        }
        finally
        {
            await ExecuteAsync(connection, "update agreements.mt_events set data = $2::jsonb where seq_id = $1", tampered, original);
        }
        Assert.True((await auditor.GetJsonAsync($"/api/agreements/{id}/verify")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task A_changed_recorded_time_is_found_by_verify()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        var id = await Audit.AgreementWithEventsAsync(vitebsk);
        var tampered = (await Audit.SequencesAsync(vitebsk, id))[2];

        await using var connection = await OpenAsync(system.Postgres);
        await ExecuteAsync(connection, "update agreements.mt_events set timestamp = timestamp - interval '1 day' where seq_id = $1", tampered);
        try
        {
            var record = await auditor.GetJsonAsync($"/api/agreements/{id}/verify");
            Assert.False(record.GetProperty("intact").GetBoolean());
            Assert.Equal(tampered, record.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
        }
        finally
        {
            await ExecuteAsync(connection, "update agreements.mt_events set timestamp = timestamp + interval '1 day' where seq_id = $1", tampered);
        }
    }

    [Fact]
    public async Task A_deleted_event_is_found_by_verify_and_named()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        var id = await Audit.AgreementWithEventsAsync(vitebsk, extensions: 2);
        var sequences = await Audit.SequencesAsync(vitebsk, id);
        await Audit.SealedAsync(auditor, sequences[^1]);
        var deleted = sequences[1];

        await using var connection = await OpenAsync(system.Postgres);
        await ExecuteAsync(connection, "create temp table removed as select * from agreements.mt_events where seq_id = $1", deleted);
        await ExecuteAsync(connection, "delete from agreements.mt_events where seq_id = $1", deleted);
        try
        {
            var record = await auditor.GetJsonAsync($"/api/agreements/{id}/verify");
            var log = await VerifyStreamingAsync(auditor);

            Assert.False(record.GetProperty("intact").GetBoolean());
            Assert.Equal(2, record.GetProperty("firstBroken").GetProperty("version").GetInt64());
            Assert.Equal(id, record.GetProperty("firstBroken").GetProperty("streamId").GetGuid());
            Assert.False(log.GetProperty("intact").GetBoolean());
            Assert.Equal(deleted, log.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
            Assert.Contains("missing", log.GetProperty("firstBroken").GetProperty("reason").GetString());
        }
        finally
        {
            await ExecuteAsync(connection, "insert into agreements.mt_events select * from removed");
        }
        Assert.True((await auditor.GetJsonAsync("/api/agreements/events/verify")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Two_events_swapped_in_the_log_are_found_by_verify_and_named()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        var id = await Audit.AgreementWithEventsAsync(vitebsk, extensions: 2);
        var sequences = await Audit.SequencesAsync(vitebsk, id);
        await Audit.SealedAsync(auditor, sequences[^1]);
        var (earlier, later) = (sequences[2], sequences[3]);

        await using var connection = await OpenAsync(system.Postgres);
        await SwapAsync(connection, earlier, later);
        try
        {
            var record = await auditor.GetJsonAsync($"/api/agreements/{id}/verify");
            var log = await auditor.GetJsonAsync("/api/agreements/events/verify");

            Assert.False(record.GetProperty("intact").GetBoolean());
            Assert.Equal(4, record.GetProperty("firstBroken").GetProperty("version").GetInt64());
            Assert.False(log.GetProperty("intact").GetBoolean());
            Assert.Equal(earlier, log.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
            Assert.Contains("order", log.GetProperty("firstBroken").GetProperty("reason").GetString());
        }
        finally
        {
            await SwapAsync(connection, earlier, later);
        }
        Assert.True((await auditor.GetJsonAsync("/api/agreements/events/verify")).GetProperty("intact").GetBoolean());
    }

    private static async Task SwapAsync(NpgsqlConnection connection, long a, long b)
    {
        await ExecuteAsync(connection, "update agreements.mt_events set seq_id = -1 where seq_id = $1", a);
        await ExecuteAsync(connection, "update agreements.mt_events set seq_id = $1 where seq_id = $2", a, b);
        await ExecuteAsync(connection, "update agreements.mt_events set seq_id = $1 where seq_id = -1", b);
    }

    [Fact]
    public async Task The_last_event_removed_together_with_its_trace_in_the_stream_row_is_found_by_the_checkpoint()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        var id = await Audit.AgreementWithEventsAsync(vitebsk);
        var sequences = await Audit.SequencesAsync(vitebsk, id);
        await Audit.SealedAsync(auditor, sequences[^1]);
        var removed = sequences[^1];

        await using var connection = await OpenAsync(system.Postgres);
        await ExecuteAsync(connection, "create temp table removed_last as select * from agreements.mt_events where seq_id = $1", removed);
        await ExecuteAsync(connection, "delete from agreements.mt_events where seq_id = $1", removed);
        await ExecuteAsync(connection, "update agreements.mt_streams set version = version - 1 where id = $1", id);
        try
        {
            var log = await auditor.GetJsonAsync("/api/agreements/events/verify");
            Assert.False(log.GetProperty("intact").GetBoolean());
            Assert.Equal(removed, log.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
        }
        finally
        {
            await ExecuteAsync(connection, "update agreements.mt_streams set version = version + 1 where id = $1", id);
            await ExecuteAsync(connection, "insert into agreements.mt_events select * from removed_last");
        }
        Assert.True((await auditor.GetJsonAsync("/api/agreements/events/verify")).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task A_removed_stream_is_found_by_verify()
    {
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var auditor = await system.ClientAsync("auditor", sub: "auditor-1");
        var id = await Audit.AgreementWithEventsAsync(vitebsk);
        var sequences = await Audit.SequencesAsync(vitebsk, id);
        await Audit.SealedAsync(auditor, sequences[^1]);

        await using var connection = await OpenAsync(system.Postgres);
        await ExecuteAsync(connection, "create temp table removed_events as select * from agreements.mt_events where stream_id = $1", id);
        await ExecuteAsync(connection, "create temp table removed_stream as select * from agreements.mt_streams where id = $1", id);
        await ExecuteAsync(connection, "delete from agreements.mt_events where stream_id = $1", id);
        await ExecuteAsync(connection, "delete from agreements.mt_streams where id = $1", id);
        try
        {
            var log = await auditor.GetJsonAsync("/api/agreements/events/verify");
            using var record = await auditor.GetAsync($"/api/agreements/{id}/verify");

            Assert.False(log.GetProperty("intact").GetBoolean());
            Assert.Equal(sequences[0], log.GetProperty("firstBroken").GetProperty("sequence").GetInt64());
            Assert.Equal(HttpStatusCode.NotFound, record.StatusCode);
        }
        finally
        {
            await ExecuteAsync(connection, "insert into agreements.mt_streams select * from removed_stream");
            await ExecuteAsync(connection, "insert into agreements.mt_events select * from removed_events");
        }
        Assert.True((await auditor.GetJsonAsync("/api/agreements/events/verify")).GetProperty("intact").GetBoolean());
    }

    /// <summary>Verifies the whole log as NDJSON: progress lines, then the result as the last line.</summary>
    private static async Task<JsonElement> VerifyStreamingAsync(HttpClient auditor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/agreements/events/verify");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var response = await auditor.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.All(lines[..^1], l => Assert.Equal("progress", l.GetProperty("kind").GetString()));
        Assert.Equal("result", lines[^1].GetProperty("kind").GetString());
        return lines[^1].GetProperty("result");
    }
}
