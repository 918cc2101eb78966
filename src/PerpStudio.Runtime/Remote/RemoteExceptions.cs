using System.Reflection;
using System.Runtime.ExceptionServices;

namespace PerpStudio.Runtime.Remote;

/// <summary>
/// Rebuilds an exception thrown on another member as the same type with the same message when this process has the
/// type loaded and can construct it from a message; otherwise a <see cref="RemoteGrainException"/> naming it.
/// Only exception types of assemblies already loaded are considered: a peer's answer never loads code.
/// </summary>
internal static class RemoteExceptions
{
    public static string TypeNameOf(Exception exception)
    {
        var type = exception.GetType();
        return $"{type.FullName}, {type.Assembly.GetName().Name}";
    }

    public static Exception Rebuild(string typeName, string message, string? stackTrace, int member)
    {
        var rebuilt = TryConstruct(typeName, message) ?? new RemoteGrainException(typeName, message);
        if (!string.IsNullOrEmpty(stackTrace))
        {
            // Shown before the local frames when the exception is printed, as for a rethrown exception.
            ExceptionDispatchInfo.SetRemoteStackTrace(rebuilt, $"{stackTrace}\n--- on member {member} ---\n");
        }

        return rebuilt;
    }

    private static Exception? TryConstruct(string typeName, string message)
    {
        var comma = typeName.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0)
        {
            return null;
        }

        var fullName = typeName[..comma].Trim();
        var assemblyName = typeName[(comma + 1)..].Trim();
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyName);
        var type = assembly?.GetType(fullName, throwOnError: false);
        if (type is null || type.IsAbstract || !typeof(Exception).IsAssignableFrom(type))
        {
            return null;
        }

        // (message, inner) first: for ArgumentNullException and its kin a lone string is a parameter name, not a message.
        Exception? exception = null;
        try
        {
            if (type.GetConstructor([typeof(string), typeof(Exception)]) is { } withInner)
            {
                exception = (Exception)withInner.Invoke([message, null]);
            }
            else if (type.GetConstructor([typeof(string)]) is { } withMessage)
            {
                exception = (Exception)withMessage.Invoke([message]);
            }
        }
        catch (TargetInvocationException)
        {
            return null;
        }

        // A constructor that rewrites the message would change what the caller sees: fall back instead.
        return exception is not null && exception.Message == message ? exception : null;
    }
}
