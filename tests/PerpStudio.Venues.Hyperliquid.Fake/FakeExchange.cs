using PerpStudio.Venues.Hyperliquid.Http;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerpStudio.Domain.Primitives;
using PerpStudio.Ethereum;
using PerpStudio.Venues.Hyperliquid.Common;
using PerpStudio.Venues.Hyperliquid.Signing;

namespace PerpStudio.Venues.Hyperliquid.Tests.Fake;

/// <summary>
/// The state behind the fake Hyperliquid: accounts, agent wallets, nonces, books and orders. /exchange requests are
/// authenticated as the venue does it: the signer is recovered from the EIP-712 signature over the action, must be a
/// known account or one of its approved agents, and the nonce must be fresh and inside the time window.
/// </summary>
public sealed partial class FakeExchange(TimeProvider time, HyperliquidNetwork network)
{
    private static readonly TimeSpan NonceBehind = TimeSpan.FromDays(2);
    private static readonly TimeSpan NonceAhead = TimeSpan.FromDays(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<EthereumAddress, FakeAccount> _accounts = [];
    private readonly Dictionary<EthereumAddress, EthereumAddress> _agents = [];
    private readonly Dictionary<EthereumAddress, SortedSet<long>> _nonces = [];
    private readonly Dictionary<long, FakeOrder> _orders = [];
    private readonly Dictionary<(string Coin, bool Bids), List<FakeOrder>> _books = [];
    private readonly List<FakeAsset> _assets = [];
    private long _nextOid = 1_000;
    private long _nextTid = 5_000;

    /// <summary>Receives pushes for the websocket: (user, channel, data).</summary>
    public Action<EthereumAddress, string, JsonNode>? Publish { get; set; }

    /// <summary>Receives public trades for the websocket's trades channel: (coin, data).</summary>
    public Action<string, JsonNode>? PublishTrades { get; set; }

    /// <summary>Every signer address the fake refused.</summary>
    public List<string> RefusedSigners { get; } = [];

    /// <summary>How many /exchange actions were accepted (signature and nonce valid).</summary>
    public int AcceptedActions { get; private set; }

    public IReadOnlyList<FakeAsset> Assets => _assets;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public FakeAsset AddAsset(string coin, int szDecimals, int maxLeverage, Price mid)
    {
        lock (_lock)
        {
            var asset = new FakeAsset(_assets.Count, coin, szDecimals, maxLeverage, mid);
            _assets.Add(asset);
            return asset;
        }
    }

    public FakeAccount AddAccount(EthereumAddress address, Money collateral)
    {
        lock (_lock)
        {
            var account = new FakeAccount(address, collateral);
            _accounts[address] = account;
            return account;
        }
    }

    public void ApproveAgent(EthereumAddress agent, EthereumAddress account)
    {
        lock (_lock)
        {
            _agents[agent] = account;
        }
    }

    /// <summary>Rests a maker's order directly (the liquidity the tests trade against).</summary>
    public void Rest(EthereumAddress maker, string coin, bool isBuy, Price price, Quantity size)
    {
        lock (_lock)
        {
            var asset = _assets.Single(a => a.Coin == coin);
            var order = new FakeOrder
            {
                Oid = ++_nextOid, Account = maker, Asset = asset, IsBuy = isBuy, LimitPrice = price, Remaining = size,
                OriginalSize = size, ReduceOnly = false, Tif = "Gtc", Timestamp = Now, StatusTimestamp = Now,
            };
            _orders[order.Oid] = order;
            Insert(order);
        }
    }

    /// <summary>Handles an /exchange body; returns the answer JSON.</summary>
    public string HandleExchange(string body)
    {
        var pushes = new List<Action>();
        string answer;
        lock (_lock)
        {
            answer = ExchangeLocked(body, pushes).ToJsonString();
        }

        foreach (var push in pushes)
        {
            push();
        }

        return answer;
    }

    private JsonNode ExchangeLocked(string body, List<Action> pushes)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var action = (WireMap)WireValue.FromJson(root.GetProperty("action"));
        var nonce = root.GetProperty("nonce").GetInt64();
        var signature = WireSignature.Read(root.GetProperty("signature"));
        EthereumAddress? vault = root.TryGetProperty("vaultAddress", out var v) && v.ValueKind == JsonValueKind.String ? EthereumAddress.Parse(v.GetString()) : null;
        long? expiresAfter = root.TryGetProperty("expiresAfter", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt64() : null;
        var type = ((WireString)action["type"]!).Value;

        EthereumAddress signer;
        FakeAccount? account;
        if (UserSignedActionKind.ByActionType.TryGetValue(type, out var kind))
        {
            if (type == "approveAgent" && action["agentName"] is null)
            {
                // the SDK drops an empty agent name after signing; the signed message had ""
                action = WithAgentName(action);
            }

            signer = UserSignedActionSigning.RecoverSigner(signature, kind, action);
            _accounts.TryGetValue(signer, out account);
            var chain = (action["hyperliquidChain"] as WireString)?.Value;
            if (chain != network.ChainName())
            {
                return Err($"hyperliquidChain {chain} does not match {network.ChainName()}");
            }
        }
        else
        {
            signer = L1ActionSigning.RecoverSigner(signature, network, action, nonce, vault, expiresAfter);
            account = _agents.TryGetValue(signer, out var owner) ? _accounts.GetValueOrDefault(owner) : _accounts.GetValueOrDefault(signer);
        }

        if (account is null)
        {
            RefusedSigners.Add(signer.ToLowerHex());
            return Err($"User or API Wallet {signer.ToLowerHex()} does not exist.");
        }

        if (NonceError(signer, nonce) is { } nonceError)
        {
            return Err(nonceError);
        }

        if (expiresAfter is { } expires && expires < Now)
        {
            return Err($"Action expired at {expires}");
        }

        AcceptedActions++;
        var json = JsonNode.Parse(root.GetProperty("action").GetRawText())!.AsObject();
        return type switch
        {
            "order" => OrderResponse("order", json["orders"]!.AsArray().Select(o => PlaceLocked(account, _assets[o!["a"]!.GetValue<int>()], o.AsObject(), Hash(nonce), pushes)).ToList()),
            "cancel" => OrderResponse("cancel", json["cancels"]!.AsArray().Select(c => CancelLocked(account, o => o.Oid == c!["o"]!.GetValue<long>(), pushes)).ToList()),
            "cancelByCloid" => OrderResponse("cancel", json["cancels"]!.AsArray().Select(c => CancelLocked(account, o => o.Cloid == c!["cloid"]!.GetValue<string>(), pushes)).ToList()),
            "modify" => ModifyLocked(account, json["oid"]!, json["order"]!.AsObject(), pushes),
            "approveAgent" => ApproveAgentLocked(account, json),
            "updateLeverage" or "updateIsolatedMargin" or "scheduleCancel" or "approveBuilderFee" => Default(),
            _ => Err($"unknown action type {type}"),
        };
    }

    private string? NonceError(EthereumAddress signer, long nonce)
    {
        var now = Now;
        if (nonce <= now - (long)NonceBehind.TotalMilliseconds || nonce >= now + (long)NonceAhead.TotalMilliseconds)
        {
            return $"Invalid nonce: nonce {nonce} is outside the allowed window around {now}";
        }

        if (!_nonces.TryGetValue(signer, out var used))
        {
            used = [];
            _nonces[signer] = used;
        }

        // the venue keeps the 100 highest nonces; a new one must beat the smallest of them and be unused
        if (used.Contains(nonce) || (used.Count >= 100 && nonce <= used.Min))
        {
            return $"Invalid nonce: duplicate nonce {nonce}";
        }

        used.Add(nonce);
        if (used.Count > 100)
        {
            used.Remove(used.Min);
        }

        return null;
    }

    private JsonNode CancelLocked(FakeAccount account, Func<FakeOrder, bool> match, List<Action> pushes)
    {
        var order = _orders.Values.FirstOrDefault(o => o.Account == account.Address && match(o) && o.Status == "open");
        if (order is null)
        {
            return new JsonObject { ["error"] = "Order was never placed, already canceled, or filled. asset=0" };
        }

        RemoveFromBook(order);
        order.Status = "canceled";
        order.StatusTimestamp = Now;
        pushes.Add(OrderUpdatePush(order));
        return JsonValue.Create("success")!;
    }

    private JsonNode ModifyLocked(FakeAccount account, JsonNode reference, JsonObject wire, List<Action> pushes)
    {
        var order = reference.GetValueKind() == JsonValueKind.Number
            ? _orders.GetValueOrDefault(reference.GetValue<long>())
            : _orders.Values.FirstOrDefault(o => o.Cloid == reference.GetValue<string>());
        if (order is null || order.Account != account.Address || order.Status != "open")
        {
            return Err("Cannot modify canceled or filled order");
        }

        var price = Price.Parse(wire["p"]!.GetValue<string>());
        var size = Quantity.Parse(wire["s"]!.GetValue<string>());
        if (!HyperliquidPriceRules.IsValidPrice(price, order.Asset.SzDecimals))
        {
            return Err($"Price must be divisible by tick size. asset={order.Asset.Index}");
        }

        RemoveFromBook(order);
        order.Status = "canceled";
        order.StatusTimestamp = Now;
        var filled = order.OriginalSize - order.Remaining;
        var replacement = new FakeOrder
        {
            Oid = ++_nextOid, Account = order.Account, Asset = order.Asset, IsBuy = order.IsBuy, LimitPrice = price,
            Remaining = size, OriginalSize = size + filled, ReduceOnly = order.ReduceOnly, Tif = order.Tif, Cloid = order.Cloid,
            Timestamp = Now, StatusTimestamp = Now,
        };
        _orders.Remove(order.Oid);
        _orders[replacement.Oid] = replacement;
        Insert(replacement);
        pushes.Add(OrderUpdatePush(replacement));
        return Default();
    }

    private JsonNode ApproveAgentLocked(FakeAccount account, JsonObject action)
    {
        _agents[EthereumAddress.Parse(action["agentAddress"]!.GetValue<string>())] = account.Address;
        return Default();
    }

    private static WireMap WithAgentName(WireMap action)
    {
        var copy = new WireMap();
        foreach (var (k, value) in action)
        {
            copy.Add(k, value);
            if (k == "agentAddress")
            {
                copy.Add("agentName", WireValue.Of(""));
            }
        }

        return copy;
    }

    private Action FillPush((EthereumAddress User, JsonObject Fill) fill)
    {
        var data = new JsonObject { ["isSnapshot"] = false, ["user"] = fill.User.ToLowerHex(), ["fills"] = new JsonArray(fill.Fill.DeepClone()) };
        return () => Publish?.Invoke(fill.User, "userFills", data);
    }

    // the trades channel's shape: taker side, price, size, time, hash, tid and the buyer then the seller
    private Action TradePush(FakeOrder taker, FakeOrder maker, Price price, Quantity qty, string hash, JsonObject takerFill)
    {
        var buyer = taker.IsBuy ? taker.Account : maker.Account;
        var seller = taker.IsBuy ? maker.Account : taker.Account;
        var data = new JsonArray(new JsonObject
        {
            ["coin"] = taker.Asset.Coin,
            ["side"] = taker.IsBuy ? "B" : "A",
            ["px"] = ExchangeActions.Number(price),
            ["sz"] = ExchangeActions.Number(qty),
            ["time"] = takerFill["time"]!.DeepClone(),
            ["hash"] = hash,
            ["tid"] = takerFill["tid"]!.DeepClone(),
            ["users"] = new JsonArray(buyer.ToLowerHex(), seller.ToLowerHex()),
        });
        var coin = taker.Asset.Coin;
        return () => PublishTrades?.Invoke(coin, data);
    }

    private Action OrderUpdatePush(FakeOrder order)
    {
        var data = new JsonArray(order.ToStatusJson());
        var user = order.Account;
        return () => Publish?.Invoke(user, "orderUpdates", data);
    }

    private static string Hash(long nonce) => "0x" + nonce.ToString("x64", CultureInfo.InvariantCulture);

    private static JsonNode OrderResponse(string type, List<JsonNode> statuses) => new JsonObject
    {
        ["status"] = "ok",
        ["response"] = new JsonObject { ["type"] = type, ["data"] = new JsonObject { ["statuses"] = new JsonArray([.. statuses]) } },
    };

    private static JsonNode Default() => new JsonObject { ["status"] = "ok", ["response"] = new JsonObject { ["type"] = "default" } };

    private static JsonNode Err(string message) => new JsonObject { ["status"] = "err", ["response"] = message };
}
