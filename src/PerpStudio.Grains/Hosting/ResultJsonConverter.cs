using System.Text.Json;
using System.Text.Json.Serialization;
using PerpStudio.Domain.Errors;

namespace PerpStudio.Grains.Hosting;

/// <summary>
/// JSON for <see cref="Result{T}"/> as <c>{"value": ...}</c> or <c>{"error": {...}}</c>, so a grain's refusal crosses
/// the forwarding wire as the same refusal (the struct has no settable members, so the default form loses both).
/// </summary>
public sealed class ResultJsonConverter : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Result<>);

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Of<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class Of<T> : JsonConverter<Result<T>>
    {
        public override Result<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                return Result<T>.Fail(error.Deserialize<DomainError>(options) ?? throw new JsonException("a failed result without its error"));
            }

            return root.TryGetProperty("value", out var value)
                ? Result<T>.Ok(value.Deserialize<T>(options)!)
                : throw new JsonException("a result with neither a value nor an error");
        }

        public override void Write(Utf8JsonWriter writer, Result<T> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            if (value.IsSuccess)
            {
                writer.WritePropertyName("value");
                JsonSerializer.Serialize(writer, value.Value, options);
            }
            else
            {
                writer.WritePropertyName("error");
                JsonSerializer.Serialize(writer, value.Error, options);
            }

            writer.WriteEndObject();
        }
    }
}
