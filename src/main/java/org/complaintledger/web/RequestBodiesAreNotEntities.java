package org.complaintledger.web;

import jakarta.inject.Singleton;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Bean Validation's default, once Hibernate ORM is on the class path, asks JPA for every property it validates whether
 * the property is loaded, so that validation never loads a lazy association. What is validated here are request
 * bodies, records built from JSON, never entities: every property is there, and every {@code @Valid} cascades.
 * Quarkus uses this bean in place of that default; the question cost a filing about 2 % of its CPU.
 */
@Singleton
public class RequestBodiesAreNotEntities implements TraversableResolver {

    @Override
    public boolean isReachable(
            Object traversableObject,
            Path.Node traversableProperty,
            Class<?> rootBeanType,
            Path pathToTraversableObject,
            ElementType elementType) {
        return true;
    }

    @Override
    public boolean isCascadable(
            Object traversableObject,
            Path.Node traversableProperty,
            Class<?> rootBeanType,
            Path pathToTraversableObject,
            ElementType elementType) {
        return true;
    }
}
