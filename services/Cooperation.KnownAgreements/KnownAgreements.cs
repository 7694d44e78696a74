using Cooperation.EventSourcing;
using Cooperation.Vocabulary;
using Marten;
using MassTransit;
using Contract = Cooperation.Contracts.Agreements;

namespace Cooperation.KnownAgreements;

public enum KnownAgreementStatus { Draft, Signed, Terminated }

/// <summary>
/// What a service knows of an agreement from the Agreements service's events: enough to accept a record naming it and to
/// show its status. Events may arrive in any order: the status is that of the highest agreement version seen, and each
/// event fills in only what it says.
/// </summary>
/// <param name="Parties">The agreement's parties, for the territory rule on records that name it (none before it is registered).</param>
/// <param name="PlanItems">The items of a plan of events or a programme, which a visit may name.</param>
public sealed record KnownAgreement(Guid Id, bool Registered, string Title, KnownAgreementStatus Status, long StatusVersion, PartialDate? SignedOn, PartialDate? TerminatedOn,
    Party[]? Parties = null, Guid[]? PlanItems = null)
{
    public static KnownAgreement Unknown(Guid id) => new(id, false, "", KnownAgreementStatus.Draft, 0, null, null);

    public KnownAgreement Apply(Contract.AgreementRegistered e) => WithStatus(KnownAgreementStatus.Draft, e.Metadata.Version) with
    {
        Registered = true,
        Title = e.Title,
        Parties = e.Parties.Select(p => new Party(p.Code, p.Name, p.Level, p.Country, p.Region)).ToArray(),
    };

    /// <summary>Signed on a date not known leaves the date as it was: a dating of the signature may have arrived first.</summary>
    public KnownAgreement Apply(Contract.AgreementSigned e) =>
        WithStatus(KnownAgreementStatus.Signed, e.Metadata.Version) with { SignedOn = e.SignedOn is null ? SignedOn : PartialDate.Parse(e.SignedOn) };

    public KnownAgreement Apply(Contract.AgreementSignatureDated e) => this with { SignedOn = PartialDate.Parse(e.SignedOn) };

    public KnownAgreement Apply(Contract.AgreementTerminated e) => WithStatus(KnownAgreementStatus.Terminated, e.Metadata.Version) with { TerminatedOn = PartialDate.Parse(e.On) };

    public KnownAgreement Apply(Contract.PlanItemAdded e) => this with { PlanItems = [.. (PlanItems ?? []).Append(e.ItemId).Distinct()] };

    private KnownAgreement WithStatus(KnownAgreementStatus status, long version) =>
        version > StatusVersion ? this with { Status = status, StatusVersion = version } : this;
}

/// <summary>Keeps <see cref="KnownAgreement"/> current from the agreements' events, once per event, a batch at a time.</summary>
public sealed class FollowAgreementsConsumer(IDocumentSession session, TimeProvider clock) :
    IConsumer<Batch<Contract.AgreementRegistered>>, IConsumer<Batch<Contract.AgreementSigned>>, IConsumer<Batch<Contract.AgreementSignatureDated>>,
    IConsumer<Batch<Contract.AgreementTerminated>>, IConsumer<Batch<Contract.PlanItemAdded>>
{
    public Task Consume(ConsumeContext<Batch<Contract.AgreementRegistered>> context) => Follow(context, m => m.AgreementId, (a, m) => a.Apply(m));

    public Task Consume(ConsumeContext<Batch<Contract.AgreementSigned>> context) => Follow(context, m => m.AgreementId, (a, m) => a.Apply(m));

    public Task Consume(ConsumeContext<Batch<Contract.AgreementSignatureDated>> context) => Follow(context, m => m.AgreementId, (a, m) => a.Apply(m));

    public Task Consume(ConsumeContext<Batch<Contract.AgreementTerminated>> context) => Follow(context, m => m.AgreementId, (a, m) => a.Apply(m));

    public Task Consume(ConsumeContext<Batch<Contract.PlanItemAdded>> context) => Follow(context, m => m.AgreementId, (a, m) => a.Apply(m));

    /// <summary>The batch's agreements are read together, each event applied to its own in the batch's order, and each stored once.</summary>
    private Task Follow<T>(ConsumeContext<Batch<T>> context, Func<T, Guid> agreementOf, Func<KnownAgreement, T, KnownAgreement> apply)
        where T : class, Contracts.IIntegrationEvent =>
        session.HandleEachOnce(nameof(FollowAgreementsConsumer), context.Message.Select(m => m.Message).ToList(), clock, async fresh =>
        {
            var ids = fresh.Select(agreementOf).Distinct().ToList();
            var known = (await session.LoadManyAsync<KnownAgreement>(context.CancellationToken, ids)).ToDictionary(a => a.Id);
            foreach (var message in fresh)
            {
                var id = agreementOf(message);
                known[id] = apply(known.GetValueOrDefault(id) ?? KnownAgreement.Unknown(id), message);
            }
            foreach (var id in ids) session.Store(known[id]);
        }, context.CancellationToken);
}

public static class FollowingAgreements
{
    /// <summary>
    /// Follows the agreements' events into <see cref="KnownAgreement"/> documents, on the service's own queue, in batches in
    /// the order published, so that an agreement's events meet its document one after another.
    /// </summary>
    public static void AddAgreementFollower(this IBusRegistrationConfigurator bus, string service)
    {
        bus.AddConsumer<FollowAgreementsConsumer>(consumer => consumer.InBatches()).Endpoint(e => e.Name = $"{service}-follow-agreements");
        // Two batches touching one agreement at once (two instances, or two contracts) must not overwrite each other's change.
        bus.ConfigureMarten(options => options.Schema.For<KnownAgreement>().UseOptimisticConcurrency(true));
    }

    /// <summary>Refuses an agreement id that names no agreement this service has heard of; answers the agreement when known.</summary>
    public static async Task<KnownAgreement?> KnownAgreementAsync(this Validation validation, IQuerySession session, Guid? id, string field, CancellationToken ct)
    {
        if (id is not { } agreementId) return null;
        // Agreements become known through their events; one registered a moment ago may not have arrived yet.
        if (await session.LoadAsync<KnownAgreement>(agreementId, ct) is { Registered: true } known) return known;
        validation.Add(field, $"There is no agreement {agreementId} (or it was registered a moment ago: retry shortly).");
        return null;
    }

    /// <summary>Refuses a plan item that names no item this service has heard of; answers its agreement when known.</summary>
    public static async Task<KnownAgreement?> KnownPlanItemAsync(this Validation validation, IQuerySession session, Guid? agreementId, Guid? itemId,
        bool given, string field, CancellationToken ct)
    {
        if (!given) return null;
        if (agreementId is not { } agreement || itemId is not { } item)
        {
            validation.Add(field, $"{field} needs agreementId and itemId.");
            return null;
        }
        // Items become known through their agreement's events, a moment after they are added.
        if (await session.LoadAsync<KnownAgreement>(agreement, ct) is { Registered: true } known && known.PlanItems?.Contains(item) == true) return known;
        validation.Add(field, $"Agreement {agreement} has no item {item} (or it was added a moment ago: retry shortly).");
        return null;
    }
}
