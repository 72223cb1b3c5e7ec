package org.nninit.dl4j.weights;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nninit.Initializer;

/**
 * A record as JSON fields and back: one field per component, enums by name, nested records as objects, lists
 * of integers as arrays. Reading checks every field's JSON type ({@link JsonFields}) and then lets the
 * record's canonical constructor check the values, so a bad configuration fails naming the field.
 */
final class RecordJson {

    private RecordJson() {
    }

    static Map<String, Object> write(Record record) {
        Map<String, Object> fields = new TreeMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                fields.put(component.getName(), encode(component.getAccessor().invoke(record)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component + " of " + record, e);
            }
        }
        return fields;
    }

    private static Object encode(Object value) {
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Record record) {
            return write(record);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RecordJson::encode).toList();
        }
        return value;
    }

    static <R extends Record> R read(Class<R> type, Map<?, ?> fields) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            args[i] = decode(name, components[i].getGenericType(), fields.get(name));
            types[i] = components[i].getType();
        }
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException checked) {
                throw checked;
            }
            throw new IllegalStateException("cannot construct " + type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object decode(String field, Type type, Object value) {
        if (type == double.class) {
            return JsonFields.number(field, value);
        }
        if (type == int.class) {
            return JsonFields.integer(field, value);
        }
        if (type == boolean.class) {
            return JsonFields.bool(field, value);
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return JsonFields.constant(field, value, (Class) c);
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            return read(c.asSubclass(Record.class), JsonFields.object(field, value));
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] == Integer.class) {
            List<?> items = JsonFields.array(field, value);
            List<Integer> ints = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                ints.add(JsonFields.integer(field + "[" + i + "]", items.get(i)));
            }
            return ints;
        }
        throw new IllegalStateException("record component " + field + " has type " + type
                + ", which has no JSON form here (double, int, boolean, enum, record, List<Integer>)");
    }

    /** The {@link Initializer} record class a JSON field names; nothing else is loaded. */
    static Class<? extends Initializer> initializerClass(String field, Object value) {
        if (value instanceof String name) {
            try {
                Class<?> type = Class.forName(name, false, RecordJson.class.getClassLoader());
                if (type.isRecord() && Initializer.class.isAssignableFrom(type)) {
                    return type.asSubclass(Initializer.class);
                }
            } catch (ClassNotFoundException e) {
                // reported below with the field
            }
        }
        throw new IllegalArgumentException(field + " must name an org.nninit.Initializer record class on the "
                + "classpath, but found " + field + "=" + JsonFields.describe(value));
    }
}
