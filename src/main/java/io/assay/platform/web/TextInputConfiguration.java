package io.assay.platform.web;

import java.io.IOException;
import java.util.Map;

import io.assay.platform.ControlCharacters;
import io.assay.platform.Wording;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text with control characters is refused where it enters, as a 400 that names the field:
 * in JSON bodies (every string read into a request type) and in query and form
 * parameters. Nothing downstream then has to fear a NUL.
 */
@Configuration(proxyBeanMethods = false)
class TextInputConfiguration {

	@Bean
	JacksonModule textWithoutControlCharacters() {
		return new SimpleModule("text-without-control-characters").addDeserializer(String.class, new CheckedStrings());
	}

	@Bean
	ParameterCheck parameterCheck() {
		return new ParameterCheck();
	}

	/** Jackson's own string reading, then the check. */
	static final class CheckedStrings extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			String text = super.deserialize(parser, context);
			Wording found = ControlCharacters.mustNotContain(text);
			if (found != null) {
				throw new RefusedText(parser, text, found);
			}
			return text;
		}

	}

	/** Text in a JSON body refused for a character it holds, with why in words. */
	static final class RefusedText extends InvalidFormatException {

		private final Wording why;

		RefusedText(JsonParser parser, String text, Wording why) {
			super(parser, why.english(), text, String.class);
			this.why = why;
		}

		Wording why() {
			return this.why;
		}

	}

	/**
	 * Query parameters and form fields, before anything reads them; refused as a page or
	 * problem+json, whichever the client wants.
	 */
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	static final class ParameterCheck extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String contentType = request.getContentType();
			// A multipart body is read by its own handler; reading its parameters here
			// would parse the upload before its limits apply.
			boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/");
			if (!multipart) {
				for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
					Wording inName = ControlCharacters.mustNotContain(parameter.getKey());
					Wording found = inName;
					for (String value : parameter.getValue()) {
						found = found != null ? found : ControlCharacters.mustNotContain(value);
					}
					if (found != null) {
						Object name = inName == null ? parameter.getKey() : Wording.of("problem.parameter-name");
						Refusals.refuse(request, response, HttpStatus.BAD_REQUEST, "malformed", "Malformed request",
								Wording.of("problem.parameter-refused", name, found));
						return;
					}
				}
			}
			chain.doFilter(request, response);
		}

	}

}
