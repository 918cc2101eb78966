"""Drives the PerpStudio gRPC server with Debian's grpcio (the gRPC C core) and prints what it saw as JSON.

Usage: /usr/bin/python3 interop_client.py <port> <dir with stubs from grpc_tools.protoc> <non-ASCII status detail>
"""
import json
import queue
import sys

import grpc

sys.path.insert(0, sys.argv[2])

from google.protobuf import descriptor_pb2  # noqa: E402

import health_pb2  # noqa: E402
import health_pb2_grpc  # noqa: E402
import interop_test_pb2 as pb  # noqa: E402
import interop_test_pb2_grpc as pb_grpc  # noqa: E402
import reflection_v1_pb2  # noqa: E402
import reflection_v1_pb2_grpc  # noqa: E402
import reflection_v1alpha_pb2  # noqa: E402
import reflection_v1alpha_pb2_grpc  # noqa: E402


def rpc_error(call):
    try:
        call()
    except grpc.RpcError as e:
        return {"code": e.code().name, "details": e.details()}
    return {"code": "OK", "details": ""}


def unary(stub):
    reply, call = stub.Say.with_call(
        pb.EchoRequest(text="hello", payload=b"\x09\x08\x07"),
        metadata=(("x-echo", "tenant-7"), ("x-echo-bin", b"\x00\x01\x02\xfa\xff")),
    )
    headers = dict(call.initial_metadata())
    trailers = dict(call.trailing_metadata())
    return {
        "text": reply.text,
        "payload": reply.payload.hex(),
        "header": headers.get("x-echo-header"),
        "trailer": trailers.get("x-echo-trailer"),
        "bin_trailer": trailers.get("x-echo-bin", b"").hex(),
    }


def bidi_lockstep(stub, texts):
    # the next request is released only after the reply to the previous one arrived
    released = queue.Queue()

    def requests():
        for i, text in enumerate(texts):
            if i > 0:
                released.get(timeout=10)
            yield pb.EchoRequest(text=text)

    seen = []
    for reply in stub.Chat(requests()):
        seen.append(reply.text)
        released.put(True)
    return seen


def reflection(stub_class, module, channel):
    stub = stub_class(channel)
    requests = [
        module.ServerReflectionRequest(list_services=""),
        module.ServerReflectionRequest(file_containing_symbol="perpstudio.testing.v1.Echo"),
        module.ServerReflectionRequest(file_containing_symbol="perpstudio.testing.v1.EchoRequest.text"),
        module.ServerReflectionRequest(file_by_filename="grpc/health/v1/health.proto"),
        module.ServerReflectionRequest(file_containing_symbol="no.such.Symbol"),
    ]
    responses = list(stub.ServerReflectionInfo(iter(requests)))
    services = [s.name for s in responses[0].list_services_response.service]

    def files(response):
        parsed = []
        for raw in response.file_descriptor_response.file_descriptor_proto:
            fd = descriptor_pb2.FileDescriptorProto()
            fd.ParseFromString(raw)
            parsed.append(fd)
        return parsed

    echo_files = files(responses[1])
    return {
        "services": services,
        "symbol_file": echo_files[0].name,
        "symbol_file_services": [s.name for s in echo_files[0].service],
        "symbol_file_methods": [m.name for m in echo_files[0].service[0].method],
        "field_file": files(responses[2])[0].name,
        "health_file_messages": [m.name for m in files(responses[3])[0].message_type],
        "missing_error_code": responses[4].error_response.error_code,
    }


def main():
    port = sys.argv[1]
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    stub = pb_grpc.EchoStub(channel)
    out = {"unary": unary(stub)}

    gz = stub.Say(pb.EchoRequest(text="z" * 10000), compression=grpc.Compression.Gzip)
    out["unary_gzip_length"] = len(gz.text)
    out["server_stream"] = [r.text for r in stub.Expand(pb.ExpandRequest(text="fill", count=4))]
    collected = stub.Collect(iter([pb.EchoRequest(text=t) for t in ("a", "b", "c")]))
    out["client_stream"] = {"count": collected.count, "joined": collected.joined}
    out["bidi"] = bidi_lockstep(stub, ["x", "y", "z"])
    out["error"] = rpc_error(lambda: stub.Fail(pb.FailRequest(code=9, message="margin below maintenance")))
    out["non_ascii_error"] = rpc_error(lambda: stub.Fail(pb.FailRequest(code=3, message=sys.argv[3])))
    out["crash"] = rpc_error(lambda: stub.Crash(pb.EchoRequest()))
    out["deadline"] = rpc_error(lambda: stub.WaitForDeadline(pb.EchoRequest(text="python-deadline"), timeout=0.2))
    out["unimplemented"] = rpc_error(
        lambda: channel.unary_unary("/perpstudio.testing.v1.Echo/Nope")(b""))

    health = health_pb2_grpc.HealthStub(channel)
    status_name = health_pb2.HealthCheckResponse.ServingStatus.Name
    out["health"] = {
        "server": status_name(health.Check(health_pb2.HealthCheckRequest(service="")).status),
        "echo": status_name(health.Check(health_pb2.HealthCheckRequest(service="perpstudio.testing.v1.Echo")).status),
        "unknown": rpc_error(lambda: health.Check(health_pb2.HealthCheckRequest(service="no.such.Service")))["code"],
    }
    out["reflection_v1alpha"] = reflection(reflection_v1alpha_pb2_grpc.ServerReflectionStub, reflection_v1alpha_pb2, channel)
    out["reflection_v1"] = reflection(reflection_v1_pb2_grpc.ServerReflectionStub, reflection_v1_pb2, channel)
    channel.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
