namespace Cooperation.EventSourcing;

/// <summary>Header names under which the acting committee, the trace and the audit's hash travel with each stored event.</summary>
public static class EventHeaders
{
    public const string Role = "role";
    public const string Region = "region";
    public const string TraceParent = "traceparent";

    /// <summary>The event's link in its stream's hash chain, set by the audit.</summary>
    public const string Hash = "hash";
}
