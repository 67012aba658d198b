package dev.onair.apiserver.admission;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes CEL library functions cel-java does not bring: the list functions of
 * k8s.io/apiserver/pkg/cel/library/lists.go ({@code isSorted}, {@code sum}, {@code min}, {@code
 * max}, {@code indexOf}, {@code lastIndexOf}) and the regex ones of regex.go ({@code find}, {@code
 * findAll}).
 */
final class KubeFunctions {
  private static final ListType LIST = ListType.create(SimpleType.DYN);

  private KubeFunctions() {}

  static List<CelFunctionDecl> declarations() {
    return List.of(
        member("isSorted", "kube_list_is_sorted", SimpleType.BOOL),
        member("sum", "kube_list_sum", SimpleType.DYN),
        member("min", "kube_list_min", SimpleType.DYN),
        member("max", "kube_list_max", SimpleType.DYN),
        CelFunctionDecl.newFunctionDeclaration(
            "indexOf",
            CelOverloadDecl.newMemberOverload(
                "kube_list_index_of", SimpleType.INT, LIST, SimpleType.DYN)),
        CelFunctionDecl.newFunctionDeclaration(
            "lastIndexOf",
            CelOverloadDecl.newMemberOverload(
                "kube_list_last_index_of", SimpleType.INT, LIST, SimpleType.DYN)),
        CelFunctionDecl.newFunctionDeclaration(
            "find",
            CelOverloadDecl.newMemberOverload(
                "kube_string_find", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration(
            "findAll",
            CelOverloadDecl.newMemberOverload(
                "kube_string_find_all",
                ListType.create(SimpleType.STRING),
                SimpleType.STRING,
                SimpleType.STRING),
            CelOverloadDecl.newMemberOverload(
                "kube_string_find_all_n",
                ListType.create(SimpleType.STRING),
                SimpleType.STRING,
                SimpleType.STRING,
                SimpleType.INT)));
  }

  private static CelFunctionDecl member(String name, String overload, CelType result) {
    return CelFunctionDecl.newFunctionDeclaration(
        name, CelOverloadDecl.newMemberOverload(overload, result, LIST));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("kube_list_is_sorted", List.class, KubeFunctions::isSorted),
        CelFunctionBinding.from("kube_list_sum", List.class, KubeFunctions::sum),
        CelFunctionBinding.from("kube_list_min", List.class, list -> extreme(list, -1, "min")),
        CelFunctionBinding.from("kube_list_max", List.class, list -> extreme(list, 1, "max")),
        CelFunctionBinding.from(
            "kube_list_index_of", List.class, Object.class, (list, x) -> (long) list.indexOf(x)),
        CelFunctionBinding.from(
            "kube_list_last_index_of",
            List.class,
            Object.class,
            (list, x) -> (long) list.lastIndexOf(x)),
        CelFunctionBinding.from(
            "kube_string_find",
            String.class,
            String.class,
            (s, regex) -> {
              Matcher m = Pattern.compile(regex).matcher(s);
              return m.find() ? m.group() : "";
            }),
        CelFunctionBinding.from(
            "kube_string_find_all",
            String.class,
            String.class,
            (s, regex) -> findAll(s, regex, -1)),
        CelFunctionBinding.from(
            "kube_string_find_all_n",
            List.of(String.class, String.class, Long.class),
            args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
  }

  private static boolean isSorted(List<?> list) throws CelEvaluationException {
    for (int i = 1; i < list.size(); i++) {
      if (compare(list.get(i - 1), list.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  private static Object sum(List<?> list) throws CelEvaluationException {
    if (list.isEmpty()) {
      return 0L;
    }
    if (list.get(0) instanceof Double) {
      double total = 0;
      for (Object x : list) {
        total += ((Number) x).doubleValue();
      }
      return total;
    }
    long total = 0;
    for (Object x : list) {
      if (!(x instanceof Long)) {
        throw new CelEvaluationException("no such overload: sum");
      }
      total = Math.addExact(total, (Long) x);
    }
    return total;
  }

  private static Object extreme(List<?> list, int sign, String name) throws CelEvaluationException {
    if (list.isEmpty()) {
      throw new CelEvaluationException(name + " called on empty list");
    }
    Object best = list.get(0);
    for (Object x : list) {
      if (compare(x, best) * sign > 0) {
        best = x;
      }
    }
    return best;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) throws CelEvaluationException {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Comparable x && a.getClass().isInstance(b)) {
      return x.compareTo(b);
    }
    throw new CelEvaluationException("no such overload: compare");
  }

  private static List<String> findAll(String s, String regex, long limit) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(s);
    while ((limit < 0 || found.size() < limit) && m.find()) {
      found.add(m.group());
    }
    return found;
  }
}
