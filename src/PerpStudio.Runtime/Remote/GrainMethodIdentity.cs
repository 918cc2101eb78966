using System.Reflection;
using System.Text;

namespace PerpStudio.Runtime.Remote;

/// <summary>
/// Names a grain interface method the same way in every process, independent of assembly versions:
/// <c>Namespace.IAccountGrain::DepositAsync(Namespace.Deposit)</c>, generic arguments in brackets.
/// </summary>
public static class GrainMethodIdentity
{
    /// <summary>The identity of <paramref name="method"/>.</summary>
    /// <param name="method">A grain interface method.</param>
    public static string Of(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var text = new StringBuilder();
        AppendType(text, method.DeclaringType!);
        text.Append("::").Append(method.Name).Append('(');
        var parameters = method.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            AppendType(text, parameters[i].ParameterType);
        }

        return text.Append(')').ToString();
    }

    /// <summary>The type whose value a method's task completes with; null for <c>Task</c> and <c>ValueTask</c>.</summary>
    /// <param name="method">A grain interface method.</param>
    public static Type? ResultTypeOf(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var returnType = method.ReturnType;
        return returnType.IsGenericType
            && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? returnType.GetGenericArguments()[0]
            : null;
    }

    private static void AppendType(StringBuilder text, Type type)
    {
        if (type.IsArray)
        {
            AppendType(text, type.GetElementType()!);
            text.Append('[').Append(',', type.GetArrayRank() - 1).Append(']');
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            text.Append(type.GetGenericTypeDefinition().FullName).Append('[');
            var arguments = type.GetGenericArguments();
            for (var i = 0; i < arguments.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                AppendType(text, arguments[i]);
            }

            text.Append(']');
            return;
        }

        text.Append(type.FullName ?? type.Name);
    }
}
