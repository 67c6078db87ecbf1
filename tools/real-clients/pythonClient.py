"""The Python kubernetes client (Debian python3-kubernetes) against kube-sim.

Arguments: a kubeconfig, then JSON naming the pods to read logs from ({"tail": [ns, pod, container],
"previous": [ns, pod, container]}). Runs every call below and prints one JSON object with what each
returned, so the jest test (pythonClient.test.ts) can check it. A call that raises records
{"error": status, "reason": ..., "message": ...} (or the exception) instead of stopping the run.
"""
import json
import sys

from kubernetes import client, config
from kubernetes.client.rest import ApiException

config.load_kube_config(config_file=sys.argv[1])
logs = json.loads(sys.argv[2])
core = client.CoreV1Api()
apps = client.AppsV1Api()
batch = client.BatchV1Api()
coordination = client.CoordinationV1Api()
discovery = client.DiscoveryV1Api()
custom = client.CustomObjectsApi()
authz = client.AuthorizationV1Api()
api = client.ApiClient()

out = {}


def record(name, fn):
    try:
        out[name] = fn()
    except ApiException as e:
        body = json.loads(e.body) if e.body and e.body.startswith("{") else {}
        out[name] = {"error": e.status, "reason": body.get("reason"), "message": body.get("message")}
    except Exception as e:  # a model the client cannot build from the server's JSON
        out[name] = {"exception": type(e).__name__, "message": str(e)}


def names(items):
    return [(i.metadata.namespace or "") + "/" + i.metadata.name for i in items]


record("version", lambda: client.VersionApi().get_code().git_version)
record("pods", lambda: names(core.list_pod_for_all_namespaces().items))
record("pod_phases", lambda: sorted({p.status.phase for p in core.list_pod_for_all_namespaces().items}))
record("nodes", lambda: [n.metadata.name for n in core.list_node().items])
record("node_ready", lambda: {n.metadata.name: [c.status for c in n.status.conditions if c.type == "Ready"][0] for n in core.list_node().items})
record("namespaces", lambda: [n.metadata.name for n in core.list_namespace().items])
record("events", lambda: len(core.list_event_for_all_namespaces().items))
record("pvcs", lambda: names(core.list_persistent_volume_claim_for_all_namespaces().items))
record("services", lambda: names(core.list_service_for_all_namespaces().items))
record("endpoints", lambda: names(core.list_endpoints_for_all_namespaces().items))
record("configmaps", lambda: names(core.list_config_map_for_all_namespaces().items))
record("deployments", lambda: names(apps.list_deployment_for_all_namespaces().items))
record("replicasets", lambda: names(apps.list_replica_set_for_all_namespaces().items))
record("statefulsets", lambda: names(apps.list_stateful_set_for_all_namespaces().items))
record("daemonsets", lambda: names(apps.list_daemon_set_for_all_namespaces().items))
record("jobs", lambda: names(batch.list_job_for_all_namespaces().items))
record("leases", lambda: names(coordination.list_lease_for_all_namespaces().items))
record("endpointslices", lambda: names(discovery.list_endpoint_slice_for_all_namespaces().items))


def paged():
    seen, cont, pages = [], None, 0
    while True:
        kwargs = {"limit": 5}
        if cont:
            kwargs["_continue"] = cont
        page = core.list_pod_for_all_namespaces(**kwargs)
        seen += names(page.items)
        pages += 1
        cont = page.metadata._continue
        if not cont:
            return {"pages": pages, "pods": seen}


record("paged", paged)
record("bad_continue", lambda: core.list_pod_for_all_namespaces(limit=5, _continue="not-a-token"))
record("node_metrics", lambda: sorted(i["metadata"]["name"] for i in custom.list_cluster_custom_object("metrics.k8s.io", "v1beta1", "nodes")["items"]))
record("pod_metrics", lambda: len(custom.list_cluster_custom_object("metrics.k8s.io", "v1beta1", "pods")["items"]))


def log(which, **kwargs):
    namespace, pod, container = logs[which]
    return core.read_namespaced_pod_log(pod, namespace, container=container, **kwargs).splitlines()


record("log_tail", lambda: log("tail", tail_lines=3))
record("log_previous", lambda: log("previous", previous=True, tail_lines=2))
record("log_no_previous", lambda: log("tail", previous=True))


def review(verb, resource, subresource=None):
    attrs = client.V1ResourceAttributes(namespace="default", verb=verb, resource=resource, subresource=subresource)
    spec = client.V1SelfSubjectAccessReviewSpec(resource_attributes=attrs)
    return authz.create_self_subject_access_review(client.V1SelfSubjectAccessReview(spec=spec)).status.allowed


record("can_list_pods", lambda: review("list", "pods"))
record("can_create_pods", lambda: review("create", "pods"))


def raw(path):
    data, status, _ = api.call_api(path, "GET", auth_settings=["BearerToken"], response_type="str", _preload_content=False)
    return {"status": status, "body": data.data.decode()}


record("readyz", lambda: raw("/readyz"))
record("livez_verbose", lambda: raw("/livez?verbose")["body"].splitlines()[-1])

print(json.dumps(out))
