package io.assay.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/** Pages in the reader's language ({@link PreferredLanguage}). */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

	/** Named as Spring MVC looks it up. */
	@Bean
	LocaleResolver localeResolver() {
		return new PreferredLanguage();
	}

}
