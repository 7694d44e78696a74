using Cooperation.EventSourcing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cooperation.Audit;

public static class AuditRegistration
{
    /// <summary>
    /// The audit over a service's event store: every appended event hashed into its stream's chain, raw log reads,
    /// verification, and on the leader, the checkpoint sealer, replays and rebuilds.
    /// </summary>
    public static IHostApplicationBuilder WithAudit(this EventStoreRegistration store)
    {
        var audit = new AuditDatabase(store.Schema, store.DataSource);
        var services = store.Builder.Services;
        services.ConfigureMarten(options =>
        {
            options.Listeners.Add(new EventHashListener(audit));
            options.Schema.For<AuditCheckpoint>().Identity(c => c.Id);
            options.Schema.For<Replay>().Identity(r => r.Id);
            options.Schema.For<Rebuild>().Identity(r => r.Id);
        });
        services.AddSingleton(audit);
        services.AddSingleton<Verifier>();
        services.AddSingleton<ReplayQueueCheck>();
        services.AddSingleton<ReplayRunner>();
        services.AddSingleton<RebuildRunner>();
        // Every instance runs these; each waits until its instance leads (Leadership), so the work happens once.
        services.AddHostedService<CheckpointSealer>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplayRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<RebuildRunner>());
        return store.Builder;
    }
}
