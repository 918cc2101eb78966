"""Trades against a running PerpStudio host with Debian's grpcio (the gRPC C core) and prints what it saw as JSON.

Usage: /usr/bin/python3 trading_client.py <grpc port> <dir with stubs generated from protos/perpstudio/v1> <api key>
"""
import json
import sys
import threading

import grpc

sys.path.insert(0, sys.argv[2])

from perpstudio.v1 import common_pb2 as common  # noqa: E402
from perpstudio.v1 import market_data_pb2 as md  # noqa: E402
from perpstudio.v1 import market_data_pb2_grpc as md_grpc  # noqa: E402
from perpstudio.v1 import streams_pb2 as streams  # noqa: E402
from perpstudio.v1 import streams_pb2_grpc as streams_grpc  # noqa: E402
from perpstudio.v1 import trading_pb2 as trading  # noqa: E402
from perpstudio.v1 import trading_pb2_grpc as trading_grpc  # noqa: E402

port, api_key = sys.argv[1], sys.argv[3]
auth = (("x-api-key", api_key),)
channel = grpc.insecure_channel(f"127.0.0.1:{port}")
report = {}

# account events: read in the background until the order and its fill have been seen
seen = {"order": False, "fill": False, "fill_venue": ""}
done = threading.Event()
events = streams_grpc.StreamServiceStub(channel).SubscribeAccountEvents(streams.SubscribeAccountEventsRequest(), metadata=auth)
first = threading.Event()


def read_events():
    try:
        for e in events:
            first.set()
            kind = e.WhichOneof("event")
            if kind == "order" and e.order.client_order_id == "py-1":
                seen["order"] = True
            if kind == "fill" and e.fill.client_order_id == "py-1":
                seen["fill"] = True
                seen["fill_venue"] = e.fill.venue
            if seen["order"] and seen["fill"]:
                done.set()
                return
    except grpc.RpcError as err:
        seen["stream_error"] = err.code().name
        first.set()
        done.set()


reader = threading.Thread(target=read_events, daemon=True)
reader.start()
first.wait(30)

stub = trading_grpc.TradingServiceStub(channel)
reply = stub.PlaceOrder(trading.PlaceOrderRequest(
    client_order_id="py-1", market="ETH-USD", side=common.SIDE_BUY, type=common.ORDER_TYPE_MARKET,
    size="0.5", margin_mode=common.MARGIN_MODE_CROSS, leverage=5), metadata=auth, timeout=30)
report["placed"] = {"client_order_id": reply.order.client_order_id, "status": common.OrderStatus.Name(reply.order.status)}
done.wait(30)
events.cancel()
report["events"] = seen

# a stream that outlives its deadline ends with DEADLINE_EXCEEDED
try:
    for _ in streams_grpc.StreamServiceStub(channel).SubscribeAccountEvents(
            streams.SubscribeAccountEventsRequest(), metadata=auth, timeout=0.5):
        pass
    report["deadline"] = {"code": "OK"}
except grpc.RpcError as err:
    report["deadline"] = {"code": err.code().name}

# a price off the tick is refused, naming the field
try:
    stub.PlaceOrder(trading.PlaceOrderRequest(
        client_order_id="py-bad", market="BTC-USD", side=common.SIDE_BUY, type=common.ORDER_TYPE_LIMIT,
        size="0.01", limit_price="90000.5", time_in_force=common.TIME_IN_FORCE_GTC,
        margin_mode=common.MARGIN_MODE_CROSS, leverage=5), metadata=auth, timeout=30)
    report["invalid"] = {"code": "OK"}
except grpc.RpcError as err:
    trailers = {k: (v if isinstance(v, str) else v.hex()) for k, v in (err.trailing_metadata() or ())}
    report["invalid"] = {"code": err.code().name, "details": err.details(), "trailers": trailers}

markets = md_grpc.MarketDataServiceStub(channel).ListMarkets(md.ListMarketsRequest(), metadata=auth, timeout=30)
report["markets"] = sorted(m.market for m in markets.markets)
print(json.dumps(report))
