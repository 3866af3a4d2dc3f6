package org.cisharing.spring.boot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.cisharing.advisory.AdvisoryHandler;
import org.cisharing.advisory.RoleAdvisory;
import org.cisharing.advisory.Severity;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * Calls one {@link AdvisoryListener} method, on the bean looked up by name at delivery time, with
 * the advisories at or above its minimum severity. What the method throws goes to the router,
 * which retries and parks.
 */
final class AdvisoryListenerHandler implements AdvisoryHandler {
  private final BeanFactory beanFactory;
  private final String beanName;
  private final Method method;
  private final Severity minSeverity;

  AdvisoryListenerHandler(BeanFactory beanFactory, String beanName, Method method, Severity minSeverity) {
    this.beanFactory = beanFactory;
    this.beanName = beanName;
    this.method = method;
    this.minSeverity = minSeverity;
  }

  /** Whether the advisory is at least as severe as the method asks (severities are declared from critical down). */
  boolean accepts(RoleAdvisory advisory) {
    return advisory.advisory().severity().compareTo(minSeverity) <= 0;
  }

  @Override
  public void handle(RoleAdvisory advisory) throws Exception {
    if (!accepts(advisory)) {
      return;
    }
    Object bean = beanFactory.getBean(beanName);
    Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
    ReflectionUtils.makeAccessible(invocable);
    try {
      invocable.invoke(bean, advisory);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return beanName + "." + method.getName() + " (minSeverity " + minSeverity + ")";
  }
}
