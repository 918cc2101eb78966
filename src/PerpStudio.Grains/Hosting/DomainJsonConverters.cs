using System.Text.Json;
using System.Text.Json.Serialization;
using PerpStudio.Domain.Markets;
using PerpStudio.Domain.Primitives;

namespace PerpStudio.Grains.Hosting;

/// <summary>
/// Compact JSON for the Domain's primitives in grain state and forwarded grain calls: amounts as their integer units,
/// markets as their symbol (also as dictionary keys), results as a value or an error. Without them each amount would
/// carry its computed properties too.
/// </summary>
public static class DomainJsonConverters
{
    /// <summary>Adds the converters to serializer options (once).</summary>
    public static JsonSerializerOptions AddDomainConverters(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Converters.Any(c => c is UnitsConverter<Money>))
        {
            return options;
        }

        options.Converters.Add(new UnitsConverter<Money>(u => new Money(u), v => v.Units));
        options.Converters.Add(new UnitsConverter<Price>(u => new Price(u), v => v.Units));
        options.Converters.Add(new UnitsConverter<Quantity>(u => new Quantity(u), v => v.Units));
        options.Converters.Add(new UnitsConverter<Rate>(u => new Rate(u), v => v.Units));
        options.Converters.Add(new MarketIdConverter());
        // grains answer with Result<T>: a refusal must cross the forwarding wire as the same refusal
        options.Converters.Add(new ResultJsonConverter());
        return options;
    }

    private sealed class UnitsConverter<T>(Func<long, T> create, Func<T, long> units) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => create(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteNumberValue(units(value));
    }

    private sealed class MarketIdConverter : JsonConverter<MarketId>
    {
        public override MarketId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? throw new JsonException("market symbol is null"));

        public override void Write(Utf8JsonWriter writer, MarketId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Symbol);

        public override MarketId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? throw new JsonException("market symbol is null"));

        public override void WriteAsPropertyName(Utf8JsonWriter writer, MarketId value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.Symbol);
    }
}
