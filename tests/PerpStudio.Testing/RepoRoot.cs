namespace PerpStudio.Testing;

/// <summary>Locates the repository checkout the tests run from.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The folder that holds <c>PerpStudio.sln</c>.</summary>
    public static string Path => Root.Value;

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The shared folder beside the checkout (fixtures, signing vectors).</summary>
    public static string Shared(params string[] parts) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine([Path, "..", "shared", .. parts]));

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "PerpStudio.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException(
            $"PerpStudio.sln not found above {AppContext.BaseDirectory}");
    }
}
