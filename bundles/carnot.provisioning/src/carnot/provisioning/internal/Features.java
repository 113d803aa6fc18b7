package carnot.provisioning.internal;

import carnot.provisioning.Installable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.query.UserVisibleRootQuery;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.IRequirement;
import org.eclipse.equinox.p2.query.IQueryResult;
import org.eclipse.equinox.p2.query.IQueryable;
import org.eclipse.equinox.p2.query.QueryUtil;

/**
 * Features as the user names them. p2 calls a feature's installable unit {@code <id>.feature.group};
 * the user types {@code <id>} (either is accepted).
 */
final class Features {

    static final String GROUP_SUFFIX = ".feature.group";

    /** The property p2's product publisher sets on a product's installable unit. */
    static final String PROP_TYPE_PRODUCT = "org.eclipse.equinox.p2.type.product";

    private Features() {
    }

    static String userId(String id) {
        return id.endsWith(GROUP_SUFFIX) ? id.substring(0, id.length() - GROUP_SUFFIX.length()) : id;
    }

    static String groupId(String id) {
        return id.endsWith(GROUP_SUFFIX) ? id : id + GROUP_SUFFIX;
    }

    /** The newest group of that id in the repository, or null. */
    static IInstallableUnit latest(IQueryable<IInstallableUnit> repository, String id, IProgressMonitor monitor) {
        IQueryResult<IInstallableUnit> found = repository.query(
                QueryUtil.createLatestQuery(QueryUtil.createIUQuery(groupId(id))), monitor);
        return found.isEmpty() ? null : found.iterator().next();
    }

    /** The root features of the installation, those the product requires marked as its own. */
    static List<Installable> installed(IProfile profile) {
        Set<IInstallableUnit> roots = profile.query(new UserVisibleRootQuery(), null).toUnmodifiableSet();
        List<IInstallableUnit> products = roots.stream().filter(u -> Boolean.parseBoolean(
                u.getProperty(PROP_TYPE_PRODUCT))).toList();
        List<Installable> result = new ArrayList<>();
        for (IInstallableUnit root : roots) {
            boolean own = products.contains(root) || products.stream().anyMatch(p -> requires(p, root));
            result.add(describe(root, own));
        }
        result.sort(P2Provisioning.ORDER);
        return result;
    }

    static List<Installable> describe(IQueryResult<IInstallableUnit> units, Set<String> own) {
        return describe(units.toUnmodifiableSet(), own);
    }

    static List<Installable> describe(Collection<IInstallableUnit> units, Set<String> own) {
        List<Installable> result = new ArrayList<>();
        for (IInstallableUnit unit : units) {
            result.add(describe(unit, own.contains(unit.getId())));
        }
        result.sort(P2Provisioning.ORDER);
        return result;
    }

    static String ids(IQueryResult<IInstallableUnit> units) {
        List<String> ids = units.toUnmodifiableSet().stream().map(u -> userId(u.getId())).sorted().distinct().toList();
        return ids.isEmpty() ? "(no features)" : String.join(", ", ids);
    }

    private static Installable describe(IInstallableUnit unit, boolean own) {
        String name = unit.getProperty(IInstallableUnit.PROP_NAME, null);
        String description = unit.getProperty(IInstallableUnit.PROP_DESCRIPTION, null);
        return new Installable(userId(unit.getId()), unit.getVersion().toString(), name == null ? unit.getId() : name,
                description == null ? "" : description.strip().replaceAll("\\s+", " "), own);
    }

    private static boolean requires(IInstallableUnit product, IInstallableUnit unit) {
        for (IRequirement requirement : product.getRequirements()) {
            if (unit.satisfies(requirement)) {
                return true;
            }
        }
        return false;
    }
}
