package io.lyceum.testsupport;

import jakarta.servlet.Filter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements, connection checkouts and commits a request makes on its own thread: a request carrying
 * {@code X-Count-Statements: <name>} has everything it sends to PostgreSQL through the application's pool recorded
 * under that name (the tenant's session setting included). The pool is wrapped before the tenancy module wraps it,
 * so its statements count too. Work done later on other threads (event listeners after commit) is not the request's.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounting {

    public static final String HEADER = "X-Count-Statements";

    /** What one request sent to the database. */
    public record Count(List<String> statements, int checkouts, int commits) {}

    private static final class Recorder {
        final List<String> statements = new CopyOnWriteArrayList<>();
        volatile int checkouts;
        volatile int commits;
    }

    private static final ThreadLocal<Recorder> CURRENT = new ThreadLocal<>();
    private static final Map<String, Recorder> RECORDED = new ConcurrentHashMap<>();
    private static final Set<String> EXECUTE = Set.of(
            "execute", "executeQuery", "executeUpdate", "executeBatch", "executeLargeUpdate", "executeLargeBatch");

    /** What the request recorded under the name (empty counts when it sent nothing). */
    public static Count of(String name) {
        Recorder recorder = RECORDED.getOrDefault(name, new Recorder());
        return new Count(List.copyOf(recorder.statements), recorder.checkouts, recorder.commits);
    }

    @Bean
    static BeanPostProcessor statementCountingDataSource() {
        return new CountingPostProcessor();
    }

    @Bean
    FilterRegistrationBean<Filter> statementCountingFilter() {
        Filter filter = (request, response, chain) -> {
            String name = ((jakarta.servlet.http.HttpServletRequest) request).getHeader(HEADER);
            if (name == null) {
                chain.doFilter(request, response);
                return;
            }
            Recorder recorder = new Recorder();
            RECORDED.put(name, recorder);
            CURRENT.set(recorder);
            try {
                chain.doFilter(request, response);
            } finally {
                CURRENT.remove();
            }
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Runs before the tenancy module's post-processor, so the tenant binding is counted as well. */
    static final class CountingPostProcessor implements BeanPostProcessor, PriorityOrdered {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof DataSource dataSource && "dataSource".equals(beanName)) {
                return new DelegatingDataSource(dataSource) {
                    @Override
                    public Connection getConnection() throws SQLException {
                        Recorder recorder = CURRENT.get();
                        if (recorder != null) {
                            recorder.checkouts++;
                        }
                        return counting(super.getConnection());
                    }
                };
            }
            return bean;
        }
    }

    private static Connection counting(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            Recorder recorder = CURRENT.get();
            if (recorder != null && method.getName().equals("commit")) {
                recorder.commits++;
            }
            if (result instanceof Statement statement
                    && method.getName().startsWith("prepare")
                    && args != null
                    && args.length > 0) {
                return countingStatement(statement, (String) args[0]);
            }
            if (result instanceof Statement statement && method.getName().equals("createStatement")) {
                return countingStatement(statement, null);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(
                StatementCounting.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Statement countingStatement(Statement statement, String sql) {
        Class<?> type = statement instanceof CallableStatement
                ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        InvocationHandler handler = (proxy, method, args) -> {
            Recorder recorder = CURRENT.get();
            if (recorder != null && EXECUTE.contains(method.getName())) {
                recorder.statements.add(sql != null ? sql : String.valueOf(args == null ? null : args[0]));
            }
            return invoke(statement, method, args);
        };
        return (Statement)
                Proxy.newProxyInstance(StatementCounting.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
