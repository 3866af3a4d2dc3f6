package org.cisharing.spring.boot;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.AdvisoryRouter;
import org.cisharing.advisory.RoleAdvisory;
import org.cisharing.advisory.Severity;
import org.cisharing.model.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds {@link AdvisoryListener} methods and registers them on the router being built.
 *
 * <p>The router is immutable, so its handlers must be known when it is built, possibly before the
 * listener beans exist. Methods are therefore found from the bean types (without creating the
 * beans) and each handler looks its bean up when an advisory arrives, as Spring's
 * {@code @EventListener} adapters do. After every singleton was created, the actual bean classes
 * are checked again: a listener method that was not visible from the declared type (a {@code @Bean}
 * method returning an interface) or a router built by the application fails start-up instead of
 * silently never being called.
 */
final class AdvisoryListenerRegistry implements BeanFactoryAware, SmartInitializingSingleton {
  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryListenerRegistry.class);

  private ConfigurableListableBeanFactory beanFactory;
  private volatile Set<String> registered;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
    this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
  }

  /**
   * Adds a handler to {@code builder} for every role of every listener method of the context.
   *
   * @throws IllegalStateException listing every invalid listener method
   */
  void registerAll(AdvisoryRouter.Builder builder, Role defaultRole) {
    List<String> problems = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    List<Runnable> registrations = new ArrayList<>();
    for (String name : candidateNames()) {
      Class<?> type = type(name, false);
      for (Map.Entry<Method, AdvisoryListener> e : listenerMethods(type).entrySet()) {
        Method method = e.getKey();
        AdvisoryListener annotation = e.getValue();
        List<String> before = List.copyOf(problems);
        checkSignature(method, problems);
        Severity min = severity(method, annotation, problems);
        List<Role> roles = roles(method, annotation, defaultRole, problems);
        if (problems.size() == before.size()) {
          AdvisoryListenerHandler handler = new AdvisoryListenerHandler(beanFactory, name, method, min);
          registrations.add(() -> roles.forEach(role -> builder.handler(role, handler)));
          done.add(key(name, method));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(message(problems));
    }
    registrations.forEach(Runnable::run);
    registered = Set.copyOf(done);
    LOG.debug("Registered {} @AdvisoryListener methods", done.size());
  }

  @Override
  public void afterSingletonsInstantiated() {
    Set<String> known = registered;
    List<String> missed = new ArrayList<>();
    for (String name : candidateNames()) {
      Class<?> type = type(name, true);
      for (Method method : listenerMethods(type).keySet()) {
        if (known == null) {
          missed.add(describe(method) + " (bean '" + name + "'): the AdvisoryRouter bean was not built by the sharing "
              + "starter, so it does not call @AdvisoryListener methods; remove your AdvisoryRouter bean and adjust "
              + "the starter's with an AdvisoryRouterCustomizer bean instead");
        } else if (!known.contains(key(name, method))) {
          missed.add(describe(method) + " (bean '" + name + "'): it is not visible from the bean's declared type; "
              + "declare the @Bean method's return type as " + ClassUtils.getUserClass(type).getName());
        }
      }
    }
    if (!missed.isEmpty()) {
      throw new IllegalStateException(message(missed));
    }
    if (known != null && !known.isEmpty() && beanFactory.getBeanNamesForType(AdvisoryFeed.class, false, false).length == 0) {
      LOG.warn("{} @AdvisoryListener methods are registered, but there is no advisory feed: set "
          + "sharing.advisories.trusted-keys (the hub's JWK Set) to receive the hub's advisories", known.size());
    }
  }

  private List<String> candidateNames() {
    List<String> names = new ArrayList<>();
    for (String name : beanFactory.getBeanNamesForType(Object.class, false, false)) {
      if (!ScopedProxyUtils.isScopedTarget(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** The bean's type, or null when it cannot be determined (such a bean is skipped, as by {@code @EventListener}). */
  private Class<?> type(String name, boolean created) {
    try {
      return created ? AutoProxyUtils.determineTargetClass(beanFactory, name) : beanFactory.getType(name, false);
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("Cannot determine the type of bean '{}'; not looking for @AdvisoryListener methods on it", name, e);
      return null;
    }
  }

  static Map<Method, AdvisoryListener> listenerMethods(Class<?> type) {
    if (type == null) {
      return Map.of();
    }
    Class<?> user = ClassUtils.getUserClass(type);
    if (!AnnotationUtils.isCandidateClass(user, AdvisoryListener.class)) {
      return Map.of();
    }
    return MethodIntrospector.selectMethods(user, (MethodIntrospector.MetadataLookup<AdvisoryListener>) m ->
        AnnotatedElementUtils.findMergedAnnotation(m, AdvisoryListener.class));
  }

  private static void checkSignature(Method method, List<String> problems) {
    if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != RoleAdvisory.class) {
      problems.add(describe(method) + " must take exactly one parameter of type " + RoleAdvisory.class.getName());
    }
    if (method.getReturnType() != void.class) {
      problems.add(describe(method) + " must return void (it returns " + method.getReturnType().getName() + ")");
    }
    if (Modifier.isStatic(method.getModifiers())) {
      problems.add(describe(method) + " must not be static");
    }
  }

  private static Severity severity(Method method, AdvisoryListener annotation, List<String> problems) {
    try {
      return Severity.of(annotation.minSeverity());
    } catch (IllegalArgumentException e) {
      problems.add(describe(method) + ": minSeverity '" + annotation.minSeverity()
          + "' is not one of critical, high, medium, low, info");
      return null;
    }
  }

  private static List<Role> roles(Method method, AdvisoryListener annotation, Role defaultRole, List<String> problems) {
    if (annotation.roles().length == 0) {
      return List.of(defaultRole);
    }
    Set<Role> roles = new LinkedHashSet<>();
    for (String code : annotation.roles()) {
      try {
        roles.add(Role.of(code));
      } catch (IllegalArgumentException | NullPointerException e) {
        problems.add(describe(method) + ": role '" + code + "' is not a role code (upper-case letters, digits and '_', "
            + "e.g. CSIRT, EXECUTIVE, SYSTEM_ADMIN)");
      }
    }
    return List.copyOf(roles);
  }

  private static String key(String beanName, Method method) {
    return beanName + "#" + method.toGenericString();
  }

  static String describe(Method method) {
    StringBuilder sb = new StringBuilder("@AdvisoryListener method ").append(method.getDeclaringClass().getName())
        .append('.').append(method.getName()).append('(');
    Class<?>[] types = method.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
    }
    return sb.append(')').toString();
  }

  private static String message(List<String> problems) {
    StringBuilder sb = new StringBuilder("Invalid @AdvisoryListener methods (").append(problems.size())
        .append(problems.size() == 1 ? " problem)" : " problems)");
    for (String p : problems) {
      sb.append("\n  - ").append(p);
    }
    return sb.toString();
  }
}
