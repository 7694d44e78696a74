using Cooperation.Vocabulary;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Contract = Cooperation.Contracts.Agreements;

namespace Cooperation.EventSourcing;

/// <summary>Where a place added since the built-in list stands: proposed by a committee, confirmed, refused, or merged into another.</summary>
public enum AddedPlaceStatus { Proposed, Confirmed, Refused, Merged }

/// <summary>
/// A place added to the gazetteer since its built-in list, as this service knows it from the places' events. Events are applied
/// in their stream's order: one that arrives before its predecessor is retried until the predecessor is in.
/// </summary>
/// <param name="Version">The place's stream version last applied.</param>
public sealed record KnownPlace(Guid Id, long Version, string Code, string Level, string Country, string Parent, PlaceNames Names,
    string[] Aliases, AddedPlaceStatus Status, string? MergedInto)
{
    public Place ToPlace() => new(Code, Level, Country, Parent, Names, Aliases);

    public static KnownPlace Create(Contract.PlaceAdded e) =>
        new(e.PlaceId, e.Metadata.Version, e.Code, e.Level, e.Country, e.Parent, NamesFrom(e.Names), e.Aliases,
            e.Proposed ? AddedPlaceStatus.Proposed : AddedPlaceStatus.Confirmed, null);

    public KnownPlace Apply(Contract.PlaceConfirmed e) => this with { Status = AddedPlaceStatus.Confirmed };

    public KnownPlace Apply(Contract.PlaceRefused e) => this with { Status = AddedPlaceStatus.Refused };

    /// <summary>The old names stay aliases: records and documents written with them still find the place.</summary>
    public KnownPlace Apply(Contract.PlaceRenamed e) => this with
    {
        Names = NamesFrom(e.Names),
        Aliases = [.. Aliases.Concat(new[] { Names.En, Names.Ru, Names.Zh }.OfType<string>()).Distinct()],
    };

    public KnownPlace Apply(Contract.PlaceAliasAdded e) => this with { Aliases = [.. Aliases.Append(e.Alias).Distinct()] };

    public KnownPlace Apply(Contract.PlaceMerged e) => this with { Status = AddedPlaceStatus.Merged, MergedInto = e.Into };

    private static PlaceNames NamesFrom(Contract.PlaceNamesRef names) => new(names.En, names.Ru, names.Zh);
}

/// <summary>Keeps <see cref="KnownPlace"/> documents current from the places' events, once per event, a batch at a time.</summary>
public sealed class FollowPlacesConsumer(IDocumentSession session, TimeProvider clock) :
    IConsumer<Batch<Contract.PlaceAdded>>, IConsumer<Batch<Contract.PlaceConfirmed>>, IConsumer<Batch<Contract.PlaceRefused>>,
    IConsumer<Batch<Contract.PlaceRenamed>>, IConsumer<Batch<Contract.PlaceAliasAdded>>, IConsumer<Batch<Contract.PlaceMerged>>
{
    public Task Consume(ConsumeContext<Batch<Contract.PlaceAdded>> context) => Follow(context, m => m.PlaceId, (p, m) => p ?? KnownPlace.Create(m));

    public Task Consume(ConsumeContext<Batch<Contract.PlaceConfirmed>> context) => Follow(context, m => m.PlaceId, (p, m) => p?.Apply(m));

    public Task Consume(ConsumeContext<Batch<Contract.PlaceRefused>> context) => Follow(context, m => m.PlaceId, (p, m) => p?.Apply(m));

    public Task Consume(ConsumeContext<Batch<Contract.PlaceRenamed>> context) => Follow(context, m => m.PlaceId, (p, m) => p?.Apply(m));

    public Task Consume(ConsumeContext<Batch<Contract.PlaceAliasAdded>> context) => Follow(context, m => m.PlaceId, (p, m) => p?.Apply(m));

    public Task Consume(ConsumeContext<Batch<Contract.PlaceMerged>> context) => Follow(context, m => m.PlaceId, (p, m) => p?.Apply(m));

    /// <summary>
    /// Applies each event to its place in the batch's order. An event already applied (its version reached) is passed over;
    /// one whose predecessor has not been applied yet (two batches of different kinds, or two instances, racing) throws, so
    /// the broker redelivers it after the predecessor.
    /// </summary>
    private Task Follow<T>(ConsumeContext<Batch<T>> context, Func<T, Guid> placeOf, Func<KnownPlace?, T, KnownPlace?> apply)
        where T : class, Contracts.IIntegrationEvent =>
        session.HandleEachOnce(nameof(FollowPlacesConsumer), context.Message.Select(m => m.Message).ToList(), clock, async fresh =>
        {
            var ids = fresh.Select(placeOf).Distinct().ToList();
            var known = (await session.LoadManyAsync<KnownPlace>(context.CancellationToken, ids)).ToDictionary(p => p.Id);
            foreach (var message in fresh)
            {
                var id = placeOf(message);
                var place = known.GetValueOrDefault(id);
                var version = message.Metadata.Version;
                if (place is not null && version <= place.Version) continue;
                if ((place?.Version ?? 0) != version - 1)
                    throw new InvalidOperationException($"Place {id}: event version {version} arrived before version {version - 1}; retried.");
                known[id] = apply(place, message)! with { Version = version };
            }
            foreach (var place in known.Values) session.Store(place);
        }, context.CancellationToken);
}

/// <summary>
/// Makes this process's gazetteer (<see cref="Gazetteer.Default"/>) the built-in list with the places this service knows of:
/// at start, and within a second of any change its follower stores, in every instance of the service alike.
/// </summary>
public sealed class PlaceOverlay(IServiceScopeFactory scopes, ILogger<PlaceOverlay> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? loaded = null;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var session = scope.ServiceProvider.GetRequiredService<IQuerySession>();
                // Every event applied raises one place's version by one: the sum changes with every change, whatever its order.
                var latest = await session.Query<KnownPlace>().SumAsync(p => p.Version, stoppingToken);
                if (latest == loaded) continue;
                var places = await session.Query<KnownPlace>().ToListAsync(stoppingToken);
                Gazetteer.Use(
                    places.Where(p => p.Status is AddedPlaceStatus.Proposed or AddedPlaceStatus.Confirmed).Select(p => p.ToPlace()).ToArray(),
                    places.Where(p => p is { Status: AddedPlaceStatus.Merged, MergedInto: not null }).Select(p => new MergedPlace(p.ToPlace(), p.MergedInto!)).ToArray());
                loaded = latest;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not read the places added to the gazetteer; trying again in {Interval}", Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class FollowingPlaces
{
    /// <summary>
    /// Follows the places' events into <see cref="KnownPlace"/> documents on the service's own queue <c>{service}-places</c>, and
    /// keeps the process's gazetteer made of them (<see cref="PlaceOverlay"/>): how every service resolves a place added a
    /// moment ago, without a restart.
    /// </summary>
    public static void AddPlaceFollower(this IBusRegistrationConfigurator bus, string service)
    {
        bus.AddConsumer<FollowPlacesConsumer>(consumer => consumer.InBatches()).Endpoint(e => e.Name = $"{service}-places");
        // Two batches touching one place at once (two instances, or two contracts) must not overwrite each other's change.
        bus.ConfigureMarten(options => options.Schema.For<KnownPlace>().UseOptimisticConcurrency(true));
        bus.AddHostedService<PlaceOverlay>();
    }
}
