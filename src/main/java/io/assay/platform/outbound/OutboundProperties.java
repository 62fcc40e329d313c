package io.assay.platform.outbound;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowedHosts hosts (names or addresses, as written in URLs) that requests may go
 * to even though they are internal, such as a webhook receiver on the operator's own
 * network
 */
@ConfigurationProperties("assay.outbound")
record OutboundProperties(@DefaultValue List<String> allowedHosts) {
}
