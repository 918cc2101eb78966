using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace PerpStudio.Api.Tests.Fixtures;

/// <summary>Well-typed messages with random field values: decimals of every precision, garbage, huge and empty strings, out-of-range enums.</summary>
public sealed class RandomMessages(Random random)
{
    private static readonly string[] Markets = ["BTC-USD", "ETH-USD", "DOGE-USD", "btc-usd", "", "BTC/USD", "../../etc"];

    /// <summary>A random instance of <paramref name="descriptor"/>.</summary>
    public IMessage Next(MessageDescriptor descriptor, int depth = 0)
    {
        var message = (IMessage)Activator.CreateInstance(descriptor.ClrType)!;
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (random.Next(3) == 0)
            {
                continue;
            }

            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                for (var i = random.Next(4); i > 0; i--)
                {
                    if (Value(field, depth) is { } item)
                    {
                        list.Add(item);
                    }
                }

                continue;
            }

            if (Value(field, depth) is { } value)
            {
                field.Accessor.SetValue(message, value);
            }
        }

        return message;
    }

    private object? Value(FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.String => field.Name.Contains("market", StringComparison.Ordinal) && random.Next(2) == 0 ? Markets[random.Next(Markets.Length)] : Text(),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.UInt32 => random.Next(4) switch { 0 => 0u, 1 => (uint)random.Next(1, 50), 2 => uint.MaxValue, _ => (uint)random.Next() },
        FieldType.UInt64 => random.Next(3) switch { 0 => 0ul, 1 => (ulong)random.Next(1, 100), _ => ulong.MaxValue },
        FieldType.Int64 => random.Next(3) switch { 0 => 0L, 1 => random.NextInt64(), _ => -random.NextInt64() },
        FieldType.Enum => random.Next(4) == 0 ? random.Next(-5, 100) : field.EnumType.Values[random.Next(field.EnumType.Values.Count)].Number,
        FieldType.Message when depth < 3 => Next(field.MessageType, depth + 1),
        _ => null,
    };

    private string Text() => random.Next(10) switch
    {
        0 => string.Empty,
        1 => Decimal(random.Next(0, 14)),
        2 => "-" + Decimal(random.Next(0, 8)),
        3 => "1e" + random.Next(-10, 30),
        4 => new string('9', random.Next(15, 40)),
        5 => new string((char)random.Next(0x20, 0x7f), random.Next(1, 80)),
        6 => "0x" + Convert.ToHexString(Bytes(random.Next(0, 30))),
        7 => "\u0000\uffff\ud800" + random.Next(),
        8 => new string('x', random.Next(1000, 70_000)),
        _ => Decimal(random.Next(0, 9)),
    };

    private string Decimal(int decimals)
    {
        var whole = random.Next(0, 200_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (decimals == 0)
        {
            return whole;
        }

        var fraction = new char[decimals];
        for (var i = 0; i < decimals; i++)
        {
            fraction[i] = (char)('0' + random.Next(10));
        }

        return whole + "." + new string(fraction);
    }

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
