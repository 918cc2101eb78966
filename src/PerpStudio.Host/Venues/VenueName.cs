namespace PerpStudio.Host.Venues;

/// <summary>The shape of venue and operator names in configuration: lower-case letters, digits and dashes.</summary>
public static class VenueName
{
    /// <summary>True for 1 to 32 characters of a-z, 0-9 and '-'.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= 32 } && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
