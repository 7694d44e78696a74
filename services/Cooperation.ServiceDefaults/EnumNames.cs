using System.Text.Json;

namespace Cooperation.ServiceDefaults;

/// <summary>How an enum value is named to clients: <c>UnderConstruction</c> as <c>under-construction</c>.</summary>
public static class EnumNames
{
    public static readonly JsonNamingPolicy Policy = JsonNamingPolicy.KebabCaseLower;

    public static string Name<TEnum>(this TEnum value) where TEnum : struct, Enum => Policy.ConvertName(value.ToString());
}
