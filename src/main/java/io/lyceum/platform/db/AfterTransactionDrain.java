package io.lyceum.platform.db;

import io.lyceum.platform.AfterTransaction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;

/**
 * Drains {@link AfterTransaction}'s queue after the application's transaction manager has committed or rolled back,
 * which is after the transaction's connection went back to the pool (Spring releases it after every synchronization
 * callback has run, so the queue cannot be drained from one). The manager bean is wrapped in a proxy with all its
 * interfaces; nothing else about it changes.
 */
@Configuration(proxyBeanMethods = false)
class AfterTransactionDrain {

    @Bean
    static BeanPostProcessor afterTransactionDrainPostProcessor() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof PlatformTransactionManager manager && !Proxy.isProxyClass(bean.getClass())) {
                    return Proxy.newProxyInstance(
                            bean.getClass().getClassLoader(),
                            ClassUtils.getAllInterfacesForClass(bean.getClass()),
                            (proxy, method, args) -> invoke(manager, method, args));
                }
                return bean;
            }
        };
    }

    private static Object invoke(PlatformTransactionManager manager, Method method, Object[] args) throws Throwable {
        boolean ends = method.getName().equals("commit") || method.getName().equals("rollback");
        try {
            return method.invoke(manager, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            if (ends) {
                AfterTransaction.drainIfOutside();
            }
        }
    }
}
