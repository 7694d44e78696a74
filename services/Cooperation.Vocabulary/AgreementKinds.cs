namespace Cooperation.Vocabulary;

/// <summary>Kinds of agreement and spheres of cooperation, shared by every service that names them.</summary>
public static class AgreementKinds
{
    public const string Programme = "programme";
    public const string PlanOfEvents = "plan-of-events";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
        { "twinning", "cooperation", "protocol-of-intent", "memorandum", "friendly-relations", Programme, PlanOfEvents, "other" };

    public static readonly IReadOnlySet<string> Spheres = new HashSet<string>
    {
        "trade-economic", "scientific-technical", "humanitarian", "culture", "education", "tourism", "health",
        "investment", "sport", "youth", "agriculture", "industry", "transport", "environment", "energy", "information-technology",
        "construction", "logistics", "other",
    };
}
