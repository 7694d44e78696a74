using System.Net;

namespace Cooperation.Api.Tests;

/// <summary>Outages of the broker and of the service itself; these stop shared processes, so they run one at a time.</summary>
[Collection(nameof(ReliabilityTests))]
[CollectionDefinition(nameof(ReliabilityTests), DisableParallelization = true)]
public class ReliabilityTests(CooperationSystem system)
{
    [Fact]
    public async Task Writes_made_while_the_broker_is_down_are_delivered_once_each_after_it_returns()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        var ids = new List<Guid>();

        await system.BrokerAsync("stop");
        try
        {
            for (var i = 0; i < 3; i++)
            {
                using var created = await vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle($"During outage {i}")));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                ids.Add((await created.JsonAsync()).GetProperty("id").GetGuid());
            }
        }
        finally
        {
            await system.BrokerAsync("start");
        }

        foreach (var id in ids)
        {
            var messages = await queue.ForStreamAsync(id, 2, TimeSpan.FromSeconds(90));
            Assert.Equal(2, messages.Count);
            Assert.Equal(2, messages.Select(m => m.GetProperty("messageId").GetGuid()).Distinct().Count());
        }
    }

    [Fact]
    public async Task An_event_committed_just_before_the_service_is_killed_is_still_published_once()
    {
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        Guid id;

        // With the broker down the commit cannot have been published when the process dies.
        await system.BrokerAsync("stop");
        try
        {
            using var created = await vitebsk.PostAsync("/api/agreements", Api.Twinning(Api.UniqueTitle("Before the crash")));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            id = (await created.JsonAsync()).GetProperty("id").GetGuid();
            await system.Agreements.KillAsync();
        }
        finally
        {
            await system.BrokerAsync("start");
        }
        await system.Agreements.StartAsync();

        var messages = await queue.ForStreamAsync(id, 2, TimeSpan.FromSeconds(90));
        Assert.Equal(2, messages.Count);
        Assert.Equal(2, messages.Select(m => m.GetProperty("messageId").GetGuid()).Distinct().Count());
    }

    [Fact]
    public async Task A_visit_document_recorded_while_Agreements_is_down_and_delivered_twice_registers_one_agreement_once()
    {
        const string consumerQueue = "register-visit-document";
        await using var queue = await EventQueue.BindAsync(system.RabbitMq);
        using var vitebsk = await system.ClientAsync("committee", "BY-VI");
        using var planned = await vitebsk.PostAsync("/api/delegations/visits", Api.Visit(Api.UniqueTitle("While Agreements is down")));
        var visitId = (await planned.JsonAsync()).GetProperty("id").GetGuid();
        Guid agreementId;

        await system.Agreements.KillAsync();
        try
        {
            using var recorded = await vitebsk.PostAsync($"/api/delegations/visits/{visitId}/documents", Api.Document(Api.UniqueTitle("Memorandum")));
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
            agreementId = (await recorded.JsonAsync()).GetProperty("documents")[0].GetProperty("agreementId").GetGuid();

            // The same event once more in the consumer's queue, as a redelivery after a lost acknowledgement would leave it.
            var messages = await queue.ForStreamAsync(visitId, 2);
            var document = Assert.Single(messages, m => m.GetProperty("message").GetProperty("metadata").GetProperty("eventType").GetString() == "document_signed");
            await queue.RedeliverAsync(document, consumerQueue);
        }
        finally
        {
            await system.Agreements.StartAsync();
        }

        var agreement = await vitebsk.EventuallyAsync($"/api/agreements/{agreementId}", a => a.GetProperty("visits").GetArrayLength() > 0, TimeSpan.FromSeconds(60));
        await queue.DrainedAsync(consumerQueue, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));  // let a duplicate in flight finish before counting

        var history = await vitebsk.GetJsonAsync($"/api/agreements/{agreementId}/history");
        Assert.Equal(["agreement_registered", "agreement_signed", "visit_linked"], history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToArray());
        Assert.Equal(visitId, Assert.Single((await vitebsk.GetJsonAsync($"/api/agreements/{agreementId}")).GetProperty("visits").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(agreement.GetProperty("title").GetString(), (await vitebsk.GetJsonAsync($"/api/agreements/{agreementId}")).GetProperty("title").GetString());
    }
}
