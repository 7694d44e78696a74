using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cooperation.Vocabulary;

/// <summary>
/// Names the closed vocabulary a string (or each string of a list) is checked against, so that the OpenAPI document lists it
/// as an enum: <c>[property: OneOf(typeof(AgreementKinds), nameof(AgreementKinds.All))]</c>. The member is a static field or
/// property holding the names (a set, a list, or a dictionary whose keys are the names) that validation uses itself.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OneOfAttribute : Attribute
{
    public OneOfAttribute(Type vocabulary, string member) => Names = Read(vocabulary, member);

    /// <summary>The names of an enum as the wire spells them: its JsonStringEnumMemberName, else kebab-case.</summary>
    public OneOfAttribute(Type enumeration) => Names = enumeration.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.KebabCaseLower.ConvertName(f.Name))
        .Order(StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> Names { get; }

    private static string[] Read(Type vocabulary, string member)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        var value = vocabulary.GetField(member, flags)?.GetValue(null) ?? vocabulary.GetProperty(member, flags)?.GetValue(null)
            ?? throw new ArgumentException($"{vocabulary.Name} has no static {member}.");
        var names = value is IDictionary dictionary ? dictionary.Keys : (IEnumerable)value;
        return names.Cast<object>().Select(n => n.ToString()!).Order(StringComparer.Ordinal).ToArray();
    }
}
