using Cooperation.Vocabulary;
using Cooperation.Agreements.Commissions.Details;

namespace Cooperation.Agreements.Commissions.Listing;

public static class ListingCommissions
{
    public static RouteGroupBuilder MapListingCommissions(this RouteGroupBuilder group) =>
        group.MapList("", ListAsync, "ListCommissions",
            "Commissions, working groups and councils by party, region, kind, the agreement that set them up, or words in the title or party names",
            "Newest change first. `foundingAgreementId` lists the bodies an agreement set up.");

    private static readonly Sheet<CommissionDetails> Sheet = new("commissions",
        new("Id", "Идентификатор", c => c.Id.ToString()),
        new("Title", "Название", c => c.Title),
        new("Kind", "Вид", c => c.Kind),
        new("Parties", "Стороны", c => c.Parties),
        new("Founding agreement", "Учреждено соглашением", c => c.FoundingAgreementId?.ToString()),
        new("Formed on", "Дата создания", c => c.FormedOn?.ToString()),
        new("Co-chairs and curators", "Сопредседатели и кураторы",
            c => string.Join("; ", c.Members.Select(m => $"{m.Role}: {m.Name}{(m.Position is null ? "" : $", {m.Position}")}"))),
        new("Sessions", "Заседаний", c => c.Sessions.Length),
        new("Last session", "Последнее заседание", c => c.LastSessionOn?.ToString()),
        new("Source", "Источник", c => c.Source?.Title),
        new("Quote", "Цитата", c => c.Source?.Quote),
        new("Locator", "Место в источнике", c => c.Source?.Locator),
        new("Note", "Примечание", c => c.Note),
        new("Version", "Версия", c => c.Version),
        new("Updated at", "Изменено", c => c.UpdatedAt));

    private static async Task<Results<Ok<Paged<CommissionDetails>>, PushStreamHttpResult, ProblemHttpResult>> ListAsync(
        string? party, string? region, [OneOf(typeof(CommissionKinds), nameof(CommissionKinds.All))] string? kind, Guid? foundingAgreementId,
        string? q, int? page, int? pageSize, Validation v, IQuerySession session, IServiceProvider services, HttpContext http, CancellationToken ct)
    {
        var partyCode = v.PlaceCode(party, "party");
        var regionCode = v.PlaceCode(region, "region");
        v.OneOf(kind, "kind", CommissionKinds.All, required: false);
        var (pageNumber, size) = Reads.Paging(page, pageSize, v);
        if (v.Failed(out var invalid)) return invalid.ToProblem();

        IQueryable<CommissionDetails> query = session.Query<CommissionDetails>();
        if (partyCode is not null) query = query.Where(c => c.PartyCodes.Contains(partyCode));
        if (regionCode is not null) query = query.Where(c => c.Regions.Contains(regionCode));
        if (kind is not null) query = query.Where(c => c.Kind == kind);
        if (foundingAgreementId is { } agreementId) query = query.Where(c => c.FoundingAgreementId == agreementId);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = q.Trim().ToLowerInvariant();
            query = query.Where(c => c.SearchText.Contains(words));
        }

        var ordered = query.OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id);
        if (Exports.Requested(http) is { } format) return Sheet.File(format, http, ordered.AllAsync(session, services, ct));
        return TypedResults.Ok(await ordered.PageAsync(pageNumber, size, session, services, ct));
    }
}
