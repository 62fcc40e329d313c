package io.assay.platform.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Spring's HTTP clients (RestClient, RestTemplate) on the checked client of
 * {@link OutboundRequests}, so that the calls libraries make on a user's behalf (an
 * identity provider's token and key endpoints) connect only where Assay's own would.
 */
public final class CheckedRequestFactory implements ClientHttpRequestFactory {

	private final OkHttpClient client;

	public CheckedRequestFactory(OkHttpClient client) {
		this.client = client;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, org.springframework.http.HttpMethod method) {
		return new Call(uri, method);
	}

	private final class Call implements ClientHttpRequest {

		private final URI uri;

		private final org.springframework.http.HttpMethod method;

		private final HttpHeaders headers = new HttpHeaders();

		private final java.util.Map<String, Object> attributes = new java.util.HashMap<>();

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		private Call(URI uri, org.springframework.http.HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public org.springframework.http.HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public java.util.Map<String, Object> getAttributes() {
			return this.attributes;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public OutputStream getBody() {
			return this.body;
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			String name = this.method.name();
			MediaType type = this.headers.getContentType() == null ? null
					: MediaType.parse(this.headers.getContentType().toString());
			boolean required = name.equals("POST") || name.equals("PUT") || name.equals("PATCH");
			boolean permitted = !name.equals("GET") && !name.equals("HEAD");
			RequestBody requestBody = required || (permitted && this.body.size() > 0)
					? RequestBody.create(this.body.toByteArray(), type) : null;
			Request.Builder request = new Request.Builder().url(this.uri.toString()).method(name, requestBody);
			this.headers.forEach((header, values) -> values.forEach(value -> request.addHeader(header, value)));
			return new Answer(CheckedRequestFactory.this.client.newCall(request.build()).execute());
		}

	}

	private static final class Answer implements ClientHttpResponse {

		private final Response response;

		private @Nullable HttpHeaders headers;

		private Answer(Response response) {
			this.response = response;
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(this.response.code());
		}

		@Override
		public String getStatusText() {
			return this.response.message();
		}

		@Override
		public HttpHeaders getHeaders() {
			if (this.headers == null) {
				HttpHeaders read = new HttpHeaders();
				this.response.headers().forEach(pair -> read.add(pair.getFirst(), pair.getSecond()));
				this.headers = read;
			}
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return this.response.body() == null ? InputStream.nullInputStream() : this.response.body().byteStream();
		}

		@Override
		public void close() {
			this.response.close();
		}

	}

}
