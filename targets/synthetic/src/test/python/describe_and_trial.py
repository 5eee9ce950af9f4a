#!/usr/bin/python3
"""A control-interface client in Python: calls Describe and RunTrial on a target and prints what it
got as one JSON object on stdout.

It shows that a target is reachable from another language with nothing but the .proto files:
the stubs are generated at run time with grpc_tools (Debian: python3-grpcio, python3-grpc-tools).

    describe_and_trial.py --port PORT --proto-dir proto/src/main/proto --stubs-dir DIR \
        [--host 127.0.0.1] [--set x1=3.14159 --set x2=2.275] [--seed 7] [--duration-ms 300] \
        [--deadline-s 30]

Values given with --set are sent as reals unless the target describes the parameter as an
integer, categorical or boolean.
"""
import argparse
import json
import os
import sys


def generate_stubs(proto_dir, stubs_dir):
    from grpc_tools import protoc
    os.makedirs(stubs_dir, exist_ok=True)
    files = ['autosys/v1/types.proto', 'autosys/v1/control_interface.proto']
    for f in files:
        if not os.path.exists(os.path.join(proto_dir, f)):
            raise SystemExit('no %s under --proto-dir %s' % (f, proto_dir))
    rc = protoc.main(['grpc_tools.protoc', '-I' + proto_dir, '--python_out=' + stubs_dir,
                      '--grpc_python_out=' + stubs_dir] + files)
    if rc != 0:
        raise SystemExit('protoc failed with exit code %d' % rc)
    sys.path.insert(0, stubs_dir)


def value_for(spec, text):
    from autosys.v1 import types_pb2
    kind = spec.WhichOneof('kind')
    if kind == 'integer':
        return types_pb2.Value(integer=int(text))
    if kind == 'categorical':
        return types_pb2.Value(categorical=text)
    if kind == 'boolean':
        return types_pb2.Value(boolean=text.lower() == 'true')
    return types_pb2.Value(real=float(text))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--host', default='127.0.0.1')
    ap.add_argument('--port', type=int, required=True)
    ap.add_argument('--proto-dir', required=True)
    ap.add_argument('--stubs-dir', required=True)
    ap.add_argument('--set', action='append', default=[], metavar='NAME=VALUE')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--duration-ms', type=int, default=0)
    ap.add_argument('--deadline-s', type=float, default=30)
    args = ap.parse_args()

    generate_stubs(args.proto_dir, args.stubs_dir)
    import grpc
    from autosys.v1 import control_interface_pb2 as ci
    from autosys.v1 import control_interface_pb2_grpc as ci_grpc
    from autosys.v1 import types_pb2

    with grpc.insecure_channel('%s:%d' % (args.host, args.port)) as channel:
        stub = ci_grpc.ControlInterfaceStub(channel)
        desc = stub.Describe(ci.DescribeRequest(), timeout=args.deadline_s).description
        specs = {p.name: p for p in desc.space.parameters}

        config = types_pb2.Configuration()
        for item in args.set:
            name, sep, text = item.partition('=')
            if not sep:
                raise SystemExit('--set %r: expected NAME=VALUE' % item)
            if name not in specs:
                raise SystemExit('--set %r: the target has no parameter %r (it has %s)' % (item, name, sorted(specs)))
            config.values[name].CopyFrom(value_for(specs[name], text))

        request = ci.RunTrialRequest(trial_id='python-1', configuration=config, seed=args.seed,
                                     budget=types_pb2.TrialBudget(duration_ms=args.duration_ms))
        progress = []
        outcomes = []
        for event in stub.RunTrial(request, timeout=args.deadline_s):
            which = event.WhichOneof('event')
            if which == 'progress':
                if outcomes:
                    raise SystemExit('progress arrived after the final outcome')
                progress.append({'step': event.progress.step, 'fraction_done': event.progress.fraction_done,
                                 'metrics': dict(event.progress.metrics.values)})
            elif which == 'outcome':
                o = event.outcome
                if o.WhichOneof('result') == 'metrics':
                    outcomes.append({'kind': 'succeeded', 'metrics': dict(o.metrics.values),
                                     'elapsed_ms': o.elapsed_ms})
                else:
                    outcomes.append({'kind': types_pb2.FailureKind.Name(o.failure.kind),
                                     'reason': o.failure.reason, 'elapsed_ms': o.elapsed_ms})

    print(json.dumps({
        'system_id': desc.system_id,
        'service_kind': desc.service_kind,
        'parameters': [p.name for p in desc.space.parameters],
        'metrics': [{'name': m.name, 'goal': types_pb2.Goal.Name(m.goal)} for m in desc.metrics],
        'progress': progress,
        'outcomes': outcomes,
    }, sort_keys=True))


if __name__ == '__main__':
    main()
