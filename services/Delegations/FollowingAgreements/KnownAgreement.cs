using Cooperation.Delegations.Details;
using Cooperation.ServiceDefaults;
using Cooperation.Vocabulary;
using Marten;
using MassTransit;
using Contract = Cooperation.Contracts.Agreements;

namespace Cooperation.Delegations.FollowingAgreements;

/// <summary>
/// What this service knows of an agreement, from the Agreements service's events: enough to accept a document naming it
/// and to show its status on the visits during which it was signed. Events may arrive in any order: the status is that of
/// the highest agreement version seen, and each event fills in only what it says.
/// </summary>
public sealed record KnownAgreement(Guid Id, bool Registered, string Title, string Status, long StatusVersion, PartialDate? SignedOn, PartialDate? TerminatedOn)
{
    public static KnownAgreement Unknown(Guid id) => new(id, false, "", "draft", 0, null, null);

    public KnownAgreement Apply(Contract.AgreementRegistered e) => WithStatus("draft", e.Metadata.Version) with { Registered = true, Title = e.Title };

    public KnownAgreement Apply(Contract.AgreementSigned e) => WithStatus("signed", e.Metadata.Version) with { SignedOn = PartialDate.Parse(e.SignedOn) };

    public KnownAgreement Apply(Contract.AgreementTerminated e) => WithStatus("terminated", e.Metadata.Version) with { TerminatedOn = PartialDate.Parse(e.On) };

    private KnownAgreement WithStatus(string status, long version) =>
        version > StatusVersion ? this with { Status = status, StatusVersion = version } : this;

    public LinkedAgreement ToLinked() => new(Title, Status, SignedOn, TerminatedOn);
}

/// <summary>Keeps <see cref="KnownAgreement"/> current from the agreements' events, once per event.</summary>
public sealed class FollowAgreementsConsumer(IDocumentSession session, TimeProvider clock) :
    IConsumer<Contract.AgreementRegistered>, IConsumer<Contract.AgreementSigned>, IConsumer<Contract.AgreementTerminated>
{
    public Task Consume(ConsumeContext<Contract.AgreementRegistered> context) => Follow(context, context.Message.AgreementId, a => a.Apply(context.Message));

    public Task Consume(ConsumeContext<Contract.AgreementSigned> context) => Follow(context, context.Message.AgreementId, a => a.Apply(context.Message));

    public Task Consume(ConsumeContext<Contract.AgreementTerminated> context) => Follow(context, context.Message.AgreementId, a => a.Apply(context.Message));

    private Task Follow<T>(ConsumeContext<T> context, Guid agreementId, Func<KnownAgreement, KnownAgreement> apply) where T : class, Cooperation.Contracts.IIntegrationEvent =>
        session.HandleOnce(nameof(FollowAgreementsConsumer), context.Message, clock, async () =>
        {
            var known = await session.LoadAsync<KnownAgreement>(agreementId, context.CancellationToken) ?? KnownAgreement.Unknown(agreementId);
            session.Store(apply(known));
        }, context.CancellationToken);
}

/// <summary>Visits read with the current status of the agreements signed during them.</summary>
public sealed class VisitAgreements : IViewCompletion<VisitDetails>
{
    public async Task<IReadOnlyList<VisitDetails>> CompleteAsync(IQuerySession session, IReadOnlyList<VisitDetails> views, CancellationToken ct)
    {
        var ids = views.SelectMany(v => v.AgreementIds).Distinct().ToArray();
        if (ids.Length == 0) return views;
        var known = (await session.LoadManyAsync<KnownAgreement>(ct, ids)).Where(a => a.Registered).ToDictionary(a => a.Id);
        return views.Select(v => v with
        {
            Documents = v.Documents.Select(d => d with { Agreement = known.GetValueOrDefault(d.AgreementId)?.ToLinked() }).ToArray(),
        }).ToArray();
    }
}
