package io.lyceum.billing;

import jakarta.servlet.Filter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts what PostgreSQL receives for one HTTP request: every statement executed on a connection of the application's
 * pool on the request's thread (the tenant binding and BEGIN/COMMIT included) and the transactions committed. A request
 * is counted when it carries {@code X-Count-Statements: <label>}; work the request leaves to other threads (module event
 * listeners) is not part of it. The pool is wrapped below the tenant binding, so that binding's statements count too.
 */
final class StatementCounter {

    static final String HEADER = "X-Count-Statements";

    /** What one labelled request sent. */
    record Count(int statements, int transactions, int autocommitStatements) {}

    private static final ThreadLocal<String> LABEL = new ThreadLocal<>();
    private static final Map<String, int[]> COUNTS = new ConcurrentHashMap<>();
    private static final AtomicInteger LABELS = new AtomicInteger();

    private StatementCounter() {}

    static String newLabel() {
        return "count-" + LABELS.incrementAndGet();
    }

    static Count of(String label) {
        int[] c = COUNTS.getOrDefault(label, new int[3]);
        return new Count(c[0], c[1], c[2]);
    }

    private static void count(int index) {
        String label = LABEL.get();
        if (label != null) {
            COUNTS.computeIfAbsent(label, l -> new int[3])[index]++;
        }
    }

    private static Object proxy(Object target, Class<?> type, java.lang.reflect.InvocationHandler handler) {
        return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Connection counting(Connection connection) {
        return (Connection) proxy(connection, Connection.class, (p, method, args) -> {
            String name = method.getName();
            switch (name) {
                case "commit", "rollback" -> {
                    if (args == null) {
                        count(0);
                        if (name.equals("commit")) {
                            count(1);
                        }
                    }
                }
                case "setAutoCommit" -> {
                    if (Boolean.FALSE.equals(args[0]) && connection.getAutoCommit()) {
                        count(0); // BEGIN, sent with the transaction's first statement
                    }
                }
                default -> {}
            }
            Object result = invoke(connection, method, args);
            if (result instanceof Statement statement
                    && (name.equals("createStatement") || name.startsWith("prepare"))) {
                Class<?> type = name.equals("prepareCall")
                        ? java.sql.CallableStatement.class
                        : name.equals("prepareStatement") ? java.sql.PreparedStatement.class : Statement.class;
                return proxy(statement, type, (sp, m, a) -> {
                    if (m.getName().startsWith("execute")) {
                        count(0);
                        if (connection.getAutoCommit()) {
                            count(2);
                        }
                    }
                    return invoke(statement, m, a);
                });
            }
            return result;
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Registration {

        /** Wraps the pool before the tenant binding wraps it (a priority-ordered post-processor runs first). */
        @Bean
        static BeanPostProcessor statementCountingPostProcessor() {
            class Wrapping implements BeanPostProcessor, PriorityOrdered {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof DataSource dataSource && "dataSource".equals(beanName)) {
                        return new DelegatingDataSource(dataSource) {
                            @Override
                            public Connection getConnection() throws java.sql.SQLException {
                                return counting(super.getConnection());
                            }
                        };
                    }
                    return bean;
                }

                @Override
                public int getOrder() {
                    return Ordered.HIGHEST_PRECEDENCE;
                }
            }
            return new Wrapping();
        }

        @Bean
        FilterRegistrationBean<Filter> statementCountingFilter() {
            Filter filter = (request, response, chain) -> {
                String label = ((jakarta.servlet.http.HttpServletRequest) request).getHeader(HEADER);
                if (label == null) {
                    chain.doFilter(request, response);
                    return;
                }
                LABEL.set(label);
                try {
                    chain.doFilter(request, response);
                } finally {
                    LABEL.remove();
                }
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
