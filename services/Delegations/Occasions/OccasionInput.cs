using Cooperation.Vocabulary;

namespace Cooperation.Delegations.Occasions;

/// <summary>How a request describes an occasion, checked field by field: registering and revising one alike.</summary>
public static class OccasionInput
{
    public const int MaximumEdition = 1_000;

    /// <summary>The description, or null when the request is invalid (every problem added to <paramref name="v"/>).</summary>
    public static OccasionDescription? Describe(this Validation v, string? kind, string? title, string? series, int? edition, PartyInput? venue,
        string? from, string? to, PartyInput?[]? organisers, PartyInput?[]? participants)
    {
        var checkedKind = v.OneOf(kind, "kind", OccasionVocabulary.Kinds);
        var checkedTitle = v.Text(title, "title", 500);
        var checkedSeries = v.Text(series, "series", 500, required: false);
        v.Require(edition is null or (>= 1 and <= MaximumEdition), "edition", $"edition must be between 1 and {MaximumEdition}: the 23rd is 23.");
        v.Require(edition is null || series is not null, "edition", "An edition is the number of an occasion in its series: give the series too.");
        var place = venue is null ? null : v.Party(venue, "venue");
        var first = v.Date(from, "from");
        var last = v.Date(to, "to", required: false);
        var holders = organisers is null ? [] : v.Parties(organisers, "organisers", minimum: 0);
        var takers = participants is null ? [] : v.Parties(participants, "participants", minimum: 0);
        v.Require(venue is not null || organisers is { Length: > 0 } || participants is { Length: > 0 }, "venue",
            "An occasion needs a venue, an organiser or a participant: the place it is held in, at least.");
        v.Require(first is null || last is null || last.Value.End >= first.Value.Start, "to", "to cannot come before from.");
        if (checkedKind is null || checkedTitle is null || first is null) return null;
        return new OccasionDescription(checkedKind, checkedTitle, checkedSeries, edition, place, first.Value, last, holders, takers);
    }
}
