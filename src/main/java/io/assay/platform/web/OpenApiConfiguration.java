package io.assay.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The published API description: what Assay is and how to authenticate. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI assayOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Assay API")
				.version("v1")
				.description("AI pre-assessment of technical documentation. Authenticate with "
						+ "`Authorization: Bearer <token>`, from POST /v1/auth/login or a personal API token. "
						+ "Errors are application/problem+json (RFC 9457)."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

	/**
	 * Schemas named as the API writes them: the application's JSON is snake_case, while
	 * the describer reads the Java records' camelCase names through its own mapper.
	 */
	@Bean
	ModelResolver snakeCaseModels() {
		return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
	}

}
