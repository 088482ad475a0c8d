package io.lyceum.tenancy;

import io.lyceum.shared.TenantScopedEvent;
import java.lang.reflect.Method;
import java.util.Optional;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Binds the event's tenant around every event listener method that takes a {@link TenantEvent} or a
 * {@link TenantScopedEvent} (plain, transactional
 * and Spring Modulith's {@code @ApplicationModuleListener}s). The advice runs before the listener's own transaction
 * interceptor (highest precedence; {@code @Async} hands over to the listener's thread before any advice runs), so the
 * transaction's connection is checked out with the event's tenant already bound and row-level security sees it.
 */
@Configuration(proxyBeanMethods = false)
class TenantListenerBinding {

    /** Infrastructure role: picked up by the same auto-proxy creator that applies transactions and {@code @Async}. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static StaticMethodMatcherPointcutAdvisor tenantListenerAdvisor() {
        MethodInterceptor bind = invocation -> {
            Object event = invocation.getArguments()[0];
            TenantId tenant = event instanceof TenantEvent own
                    ? own.tenantId()
                    : new TenantId(((TenantScopedEvent) event).tenantId());
            Optional<TenantId> previous = TenantContext.current();
            TenantContext.bindForRequest(tenant);
            try {
                return invocation.proceed();
            } finally {
                previous.ifPresentOrElse(TenantContext::bindForRequest, TenantContext::clear);
            }
        };
        StaticMethodMatcherPointcutAdvisor advisor = new StaticMethodMatcherPointcutAdvisor(bind) {
            @Override
            public boolean matches(Method method, Class<?> targetClass) {
                return isTenantEventListener(method);
            }
        };
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return advisor;
    }

    /** A listener method whose event is a tenant's: the methods the binding applies to. */
    static boolean isTenantEventListener(Method method) {
        return method.getParameterCount() == 1
                && (TenantEvent.class.isAssignableFrom(method.getParameterTypes()[0])
                        || TenantScopedEvent.class.isAssignableFrom(method.getParameterTypes()[0]))
                && (AnnotatedElementUtils.hasAnnotation(method, EventListener.class)
                        || AnnotatedElementUtils.hasAnnotation(method, TransactionalEventListener.class));
    }
}
