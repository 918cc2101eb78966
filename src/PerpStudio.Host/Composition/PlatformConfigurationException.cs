namespace PerpStudio.Host.Composition;

/// <summary>The host cannot start as configured; the message names every setting at fault.</summary>
public sealed class PlatformConfigurationException : Exception
{
    /// <summary>One problem per line.</summary>
    public PlatformConfigurationException(IReadOnlyList<string> problems)
        : base("PerpStudio cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
    {
        Problems = problems;
    }

    /// <summary>Required by the exception pattern.</summary>
    public PlatformConfigurationException()
        : this(["unknown configuration problem"])
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public PlatformConfigurationException(string message)
        : this([message])
    {
    }

    /// <summary>Required by the exception pattern.</summary>
    public PlatformConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Each problem found.</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}
