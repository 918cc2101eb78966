using System.Buffers;
using System.Reflection;
using System.Text.Json;
using PerpStudio.Runtime.Placement;

namespace PerpStudio.Runtime.Remote;

/// <summary>
/// The JSON wire form of forwarded calls and their outcomes. Arguments and results are written and read by the grain
/// method's declared parameter and result types (so they need no type names of their own; polymorphic messages carry
/// System.Text.Json's <c>[JsonPolymorphic]</c> discriminators). A call:
/// <c>{"grainType":"account","key":"op1/t7","method":"Ns.IAccountGrain::DepositAsync(Ns.Deposit)","arguments":[{...}]}</c>;
/// an outcome: <c>{"outcome":"result","value":...}</c> or
/// <c>{"outcome":"exception","exception":{"type":"Ns.Type, Assembly","message":"...","stackTrace":"...","member":1}}</c>.
/// </summary>
public sealed class GrainCallCodec
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates the codec.</summary>
    /// <param name="options">The serializer options (the runtime's state options, so domain converters apply).</param>
    public GrainCallCodec(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Writes a call.</summary>
    /// <param name="call">The call.</param>
    public byte[] EncodeCall(GrainCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var parameters = call.Method.GetParameters();
        if (call.Arguments.Count != parameters.Length)
        {
            throw new ArgumentException($"{GrainMethodIdentity.Of(call.Method)} takes {parameters.Length} arguments, the call has {call.Arguments.Count}", nameof(call));
        }

        return Write(json =>
        {
            json.WriteString("grainType", call.GrainId.Type);
            json.WriteString("key", call.GrainId.Key);
            json.WriteString("method", GrainMethodIdentity.Of(call.Method));
            json.WriteStartArray("arguments");
            for (var i = 0; i < parameters.Length; i++)
            {
                JsonSerializer.Serialize(json, call.Arguments[i], parameters[i].ParameterType, _options);
            }

            json.WriteEndArray();
        });
    }

    /// <summary>Reads a call, resolving its method by identity.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="resolveMethod">Finds a grain interface method by <see cref="GrainMethodIdentity"/>; null when unknown.</param>
    /// <exception cref="ArgumentException">The body is not a call, names an unknown method, or an argument does not fit its parameter.</exception>
    public GrainCall DecodeCall(ReadOnlyMemory<byte> body, Func<string, MethodInfo?> resolveMethod)
    {
        ArgumentNullException.ThrowIfNull(resolveMethod);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var grainType = RequiredString(root, "grainType");
            var key = RequiredString(root, "key");
            var identity = RequiredString(root, "method");
            var method = resolveMethod(identity)
                ?? throw new ArgumentException($"no registered grain interface has the method {identity}");
            if (!root.TryGetProperty("arguments", out var arguments) || arguments.ValueKind != JsonValueKind.Array)
            {
                throw new ArgumentException("a forwarded call has an array 'arguments'");
            }

            var parameters = method.GetParameters();
            if (arguments.GetArrayLength() != parameters.Length)
            {
                throw new ArgumentException($"{identity} takes {parameters.Length} arguments, the call has {arguments.GetArrayLength()}");
            }

            var values = new object?[parameters.Length];
            var index = 0;
            foreach (var argument in arguments.EnumerateArray())
            {
                var parameter = parameters[index];
                try
                {
                    values[index] = argument.Deserialize(parameter.ParameterType, _options);
                }
                catch (JsonException e)
                {
                    throw new ArgumentException($"argument {index} ({parameter.Name}) of {identity} is not a {parameter.ParameterType.Name}: {e.Message}", e);
                }

                index++;
            }

            return new GrainCall(new GrainId(grainType, key), method, values);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"a forwarded call is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Writes a successful outcome.</summary>
    /// <param name="method">The method called.</param>
    /// <param name="result">Its boxed result (ignored for methods without one).</param>
    public byte[] EncodeResult(MethodInfo method, object? result)
    {
        ArgumentNullException.ThrowIfNull(method);
        var resultType = GrainMethodIdentity.ResultTypeOf(method);
        return Write(json =>
        {
            json.WriteString("outcome", "result");
            if (resultType is not null)
            {
                json.WritePropertyName("value");
                JsonSerializer.Serialize(json, result, resultType, _options);
            }
        });
    }

    /// <summary>Writes a failed outcome: the exception's type, message and stack trace.</summary>
    /// <param name="exception">What the grain (or the receiving side) threw.</param>
    /// <param name="member">The member it was thrown on.</param>
    public static byte[] EncodeException(Exception exception, int member)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Write(json =>
        {
            json.WriteString("outcome", "exception");
            json.WriteStartObject("exception");
            json.WriteString("type", RemoteExceptions.TypeNameOf(exception));
            json.WriteString("message", exception.Message);
            json.WriteString("stackTrace", exception.StackTrace ?? string.Empty);
            json.WriteNumber("member", member);
            json.WriteEndObject();
        });
    }

    /// <summary>Reads an outcome: returns the boxed result, or throws the remote exception rebuilt.</summary>
    /// <param name="method">The method called.</param>
    /// <param name="body">The response body.</param>
    /// <exception cref="RemoteGrainException">The body is not an outcome, or the remote exception cannot be rebuilt.</exception>
    public object? DecodeOutcome(MethodInfo method, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new RemoteGrainException($"the answer to a forwarded call of {GrainMethodIdentity.Of(method)} is not JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var outcome = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("outcome", out var o) ? o.GetString() : null;
            if (outcome == "exception" && root.TryGetProperty("exception", out var failure) && failure.ValueKind == JsonValueKind.Object)
            {
                throw RemoteExceptions.Rebuild(
                    failure.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "",
                    failure.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "",
                    failure.TryGetProperty("stackTrace", out var stack) ? stack.GetString() : null,
                    failure.TryGetProperty("member", out var member) && member.TryGetInt32(out var m) ? m : -1);
            }

            if (outcome != "result")
            {
                throw new RemoteGrainException($"the answer to a forwarded call of {GrainMethodIdentity.Of(method)} is neither a result nor an exception");
            }

            var resultType = GrainMethodIdentity.ResultTypeOf(method);
            if (resultType is null)
            {
                return null;
            }

            if (!root.TryGetProperty("value", out var value))
            {
                throw new RemoteGrainException($"the answer to a forwarded call of {GrainMethodIdentity.Of(method)} has no value");
            }

            try
            {
                return value.Deserialize(resultType, _options);
            }
            catch (JsonException e)
            {
                throw new RemoteGrainException($"the result of {GrainMethodIdentity.Of(method)} is not a {resultType.Name}: {e.Message}", e);
            }
        }
    }

    private static string RequiredString(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text
            ? text
            : throw new ArgumentException($"a forwarded call has a non-empty string '{name}'");

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
