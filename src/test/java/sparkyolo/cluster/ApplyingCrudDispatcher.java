package sparkyolo.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.List;
import okhttp3.Headers;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * fabric8's in-memory Kubernetes API server, plus two things Spark's submission client needs from
 * a real one: server-side apply (Spark creates its driver Service and ConfigMaps so; the mock lacks
 * it, fabric8io/kubernetes-client#5360), done as a create or a merge patch; and a status on new pods
 * (Spark reads their phase).
 */
final class ApplyingCrudDispatcher extends KubernetesCrudDispatcher {
    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.startsWith("application/apply-patch")) {
            return super.handlePatch(request);
        }
        String path = request.getPath();
        String resource = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String json = Serialization.asJson(Serialization.unmarshal(request.getBody().readUtf8()));
        if (handleGet(resource).getStatus().contains(" 200 ")) {
            return super.handlePatch(copy("PATCH", resource, "application/merge-patch+json", json, request));
        }
        return handleCreate(copy("POST", resource.substring(0, resource.lastIndexOf('/')), "application/json", json, request));
    }

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        if (!request.getPath().endsWith("/pods")) {
            return super.handleCreate(request);
        }
        ObjectNode pod = (ObjectNode) Serialization.unmarshal(request.getBody().readUtf8(), ObjectNode.class);
        pod.putObject("status").put("phase", "Pending");
        return super.handleCreate(copy("POST", request.getPath(), "application/json", Serialization.asJson(pod), request));
    }

    private static RecordedRequest copy(String method, String path, String contentType, String body, RecordedRequest of) {
        Buffer buffer = new Buffer().writeUtf8(body);
        try (Socket unconnected = new Socket()) {
            return new RecordedRequest(method + " " + path + " HTTP/1.1", Headers.of("Content-Type", contentType), List.of(),
                    buffer.size(), buffer, of.getSequenceNumber(), unconnected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
