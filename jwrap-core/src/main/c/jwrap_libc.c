/*
 * libjwrap.so: the C library calls on the start-up path of jwrap's short-lived commands (check's
 * name lookups, jwrap-tcpd's socket, syslog and exec), as JNI functions of
 * dev.jwrap.core.sys.NativeLibc. The JVM links a JNI method with one dlsym. An FFM downcall
 * makes it generate a stub class, and FFM memory access its var-handle lambda forms, none of
 * which an AOT cache keeps: tens of milliseconds of a command that should take fifty
 * (docs/PERFORMANCE.md §9). So this library takes and returns Java arrays, not pointers.
 *
 * Conventions: a failed system call returns -errno (the Java side raises an exception with
 * errorText's words); strings arrive as NUL-terminated byte arrays; socket addresses are the
 * kernel's struct sockaddr bytes in a byte[] that is at least sizeof(struct sockaddr_storage).
 */
#define _GNU_SOURCE
#include <jni.h>

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define FN(name) Java_dev_jwrap_core_sys_NativeLibc_##name
#define UNUSED (void) cls

static jint fail(void) {
    return -errno;
}

/* A NUL-terminated copy of a Java byte[] (malloc'd, or NULL for a null array); *ok is cleared when out of memory. */
static char *c_string(JNIEnv *env, jbyteArray bytes, int *ok) {
    if (bytes == NULL) {
        return NULL;
    }
    jsize n = (*env)->GetArrayLength(env, bytes);
    char *s = malloc((size_t) n + 1);
    if (s == NULL) {
        *ok = 0;
        return NULL;
    }
    (*env)->GetByteArrayRegion(env, bytes, 0, n, (jbyte *) s);
    s[n] = '\0';
    return s;
}

JNIEXPORT jint JNICALL FN(abiVersion)(JNIEnv *env, jclass cls) {
    (void) env; UNUSED;
    return 4;
}

JNIEXPORT jstring JNICALL FN(errorText)(JNIEnv *env, jclass cls, jint error) {
    UNUSED;
    const char *text = strerrordesc_np(error);
    return text == NULL ? NULL : (*env)->NewStringUTF(env, text);
}

/* --- name service --- */

/*
 * getnameinfo(NI_NAMEREQD) of a 4- or 16-byte address (with its IPv6 scope) into host, NUL-terminated.
 * Returns getnameinfo's result (0 or an EAI_* code).
 */
JNIEXPORT jint JNICALL FN(hostName)(JNIEnv *env, jclass cls, jbyteArray address, jint scope, jbyteArray host) {
    UNUSED;
    struct sockaddr_storage ss;
    socklen_t length;
    memset(&ss, 0, sizeof ss);
    jsize n = (*env)->GetArrayLength(env, address);
    if (n == 4) {
        struct sockaddr_in *in = (struct sockaddr_in *) &ss;
        in->sin_family = AF_INET;
        (*env)->GetByteArrayRegion(env, address, 0, 4, (jbyte *) &in->sin_addr);
        length = sizeof *in;
    } else if (n == 16) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) &ss;
        in6->sin6_family = AF_INET6;
        in6->sin6_scope_id = (uint32_t) scope;
        (*env)->GetByteArrayRegion(env, address, 0, 16, (jbyte *) &in6->sin6_addr);
        length = sizeof *in6;
    } else {
        return EAI_FAMILY;
    }
    char name[NI_MAXHOST];
    int rc = getnameinfo((struct sockaddr *) &ss, length, name, sizeof name, NULL, 0, NI_NAMEREQD);
    if (rc == 0) {
        jsize room = (*env)->GetArrayLength(env, host);
        size_t len = strnlen(name, sizeof name);
        if (len + 1 > (size_t) room) {
            return EAI_OVERFLOW;
        }
        (*env)->SetByteArrayRegion(env, host, 0, (jsize) len + 1, (jbyte *) name);
    }
    return rc;
}

/*
 * getaddrinfo(node, NULL, {AI_CANONNAME, family, SOCK_STREAM}) flattened into one byte[]: the
 * canonical name's length (two bytes, big-endian; 0xffff for none) and bytes, then per address
 * its family byte (4 or 6), 4 or 16 address bytes, and for IPv6 the scope id (four bytes,
 * big-endian). NULL when getaddrinfo fails or finds nothing.
 */
JNIEXPORT jbyteArray JNICALL FN(addresses)(JNIEnv *env, jclass cls, jbyteArray node, jint family) {
    UNUSED;
    int ok = 1;
    char *name = c_string(env, node, &ok);
    if (!ok) {
        return NULL;
    }
    struct addrinfo hints, *list = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_CANONNAME;
    hints.ai_family = family;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(name, NULL, &hints, &list);
    free(name);
    if (rc != 0 || list == NULL) {
        return NULL;
    }
    size_t canon = list->ai_canonname == NULL ? 0 : strlen(list->ai_canonname);
    if (canon > 0xfffe) {
        canon = 0xfffe;
    }
    size_t size = 2 + canon;
    for (struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next) {
        size += 1 + 16 + 4;
    }
    unsigned char *out = malloc(size);
    jbyteArray result = NULL;
    if (out != NULL) {
        size_t at = 0;
        unsigned int marker = list->ai_canonname == NULL ? 0xffff : (unsigned int) canon;
        out[at++] = (unsigned char) (marker >> 8);
        out[at++] = (unsigned char) marker;
        if (canon > 0) {
            memcpy(out + at, list->ai_canonname, canon);
            at += canon;
        }
        for (struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next) {
            if (ai->ai_addr == NULL) {
                continue;
            }
            if (ai->ai_family == AF_INET && ai->ai_addrlen >= sizeof(struct sockaddr_in)) {
                out[at++] = 4;
                memcpy(out + at, &((struct sockaddr_in *) ai->ai_addr)->sin_addr, 4);
                at += 4;
            } else if (ai->ai_family == AF_INET6 && ai->ai_addrlen >= sizeof(struct sockaddr_in6)) {
                struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) ai->ai_addr;
                out[at++] = 6;
                memcpy(out + at, &in6->sin6_addr, 16);
                at += 16;
                uint32_t scope = in6->sin6_scope_id;
                out[at++] = (unsigned char) (scope >> 24);
                out[at++] = (unsigned char) (scope >> 16);
                out[at++] = (unsigned char) (scope >> 8);
                out[at++] = (unsigned char) scope;
            }
        }
        result = (*env)->NewByteArray(env, (jsize) at);
        if (result != NULL) {
            (*env)->SetByteArrayRegion(env, result, 0, (jsize) at, (jbyte *) out);
        }
        free(out);
    }
    freeaddrinfo(list);
    return result;
}

/* innetgr(group, host, NULL, domain); domain may be null. 1 when in the group, 0 when not, -ENOMEM. */
JNIEXPORT jint JNICALL FN(innetgr)(JNIEnv *env, jclass cls, jbyteArray group, jbyteArray host, jbyteArray domain) {
    UNUSED;
    int ok = 1;
    char *g = c_string(env, group, &ok);
    char *h = c_string(env, host, &ok);
    char *d = c_string(env, domain, &ok);
    int rc = ok ? innetgr(g, h, NULL, d) : -ENOMEM;
    free(g);
    free(h);
    free(d);
    return rc;
}

/* getdomainname into name (NUL-terminated, truncated to fit): 0 or -errno. */
JNIEXPORT jint JNICALL FN(getdomainname)(JNIEnv *env, jclass cls, jbyteArray name) {
    UNUSED;
    char buffer[256];
    memset(buffer, 0, sizeof buffer);
    if (getdomainname(buffer, sizeof buffer - 1) != 0) {
        return fail();
    }
    jsize room = (*env)->GetArrayLength(env, name);
    size_t len = strlen(buffer);
    if (room < 1) {
        return -EINVAL;
    }
    if (len + 1 > (size_t) room) {
        len = (size_t) room - 1;
        buffer[len] = '\0';
    }
    (*env)->SetByteArrayRegion(env, name, 0, (jsize) len + 1, (jbyte *) buffer);
    return 0;
}

/* --- sockets: tcpd's fd 0, the syslog socket --- */

/* getpeername (peer true) or getsockname into address: the address's length, or -errno. */
JNIEXPORT jint JNICALL FN(socketName)(JNIEnv *env, jclass cls, jint fd, jboolean peer, jbyteArray address) {
    UNUSED;
    struct sockaddr_storage ss;
    socklen_t length = sizeof ss;
    memset(&ss, 0, sizeof ss);
    int rc = peer ? getpeername(fd, (struct sockaddr *) &ss, &length) : getsockname(fd, (struct sockaddr *) &ss, &length);
    if (rc != 0) {
        return fail();
    }
    jsize room = (*env)->GetArrayLength(env, address);
    jsize n = length < (socklen_t) room ? (jsize) length : room;
    (*env)->SetByteArrayRegion(env, address, 0, n, (jbyte *) &ss);
    return (jint) length;
}

/* The sender of the first queued datagram, which stays queued (recvfrom MSG_PEEK): its length, or -errno. */
JNIEXPORT jint JNICALL FN(peekSender)(JNIEnv *env, jclass cls, jint fd, jbyteArray address) {
    UNUSED;
    struct sockaddr_storage ss;
    socklen_t length;
    char byte;
    ssize_t n;
    do {
        length = sizeof ss;
        n = recvfrom(fd, &byte, 1, MSG_PEEK, (struct sockaddr *) &ss, &length);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        return fail();
    }
    jsize room = (*env)->GetArrayLength(env, address);
    jsize copied = length < (socklen_t) room ? (jsize) length : room;
    (*env)->SetByteArrayRegion(env, address, 0, copied, (jbyte *) &ss);
    return (jint) length;
}

/* Reads and drops one queued datagram without waiting (the rest of a datagram read in part is dropped). */
JNIEXPORT jint JNICALL FN(discardDatagram)(JNIEnv *env, jclass cls, jint fd) {
    (void) env; UNUSED;
    char byte;
    return recv(fd, &byte, 1, MSG_DONTWAIT) < 0 ? fail() : 0;
}

JNIEXPORT jint JNICALL FN(setIntOption)(JNIEnv *env, jclass cls, jint fd, jint level, jint option, jint value) {
    (void) env; UNUSED;
    int v = value;
    return setsockopt(fd, level, option, &v, sizeof v) != 0 ? fail() : 0;
}

/*
 * getsockopt of an option whose value is bytes (IP_OPTIONS) into value, at most its length: the
 * option's length (what the kernel reports, which may exceed what fitted), or -errno.
 */
JNIEXPORT jint JNICALL FN(getBytesOption)(JNIEnv *env, jclass cls, jint fd, jint level, jint option, jbyteArray value) {
    UNUSED;
    unsigned char buffer[256];
    jsize room = (*env)->GetArrayLength(env, value);
    socklen_t length = room < (jsize) sizeof buffer ? (socklen_t) room : (socklen_t) sizeof buffer;
    if (getsockopt(fd, level, option, buffer, &length) != 0) {
        return fail();
    }
    jsize n = length < (socklen_t) room ? (jsize) length : room;
    (*env)->SetByteArrayRegion(env, value, 0, n, (jbyte *) buffer);
    return (jint) length;
}

/* setsockopt with value's bytes, or with none (NULL, 0) for a null array, which clears IP_OPTIONS: 0 or -errno. */
JNIEXPORT jint JNICALL FN(setBytesOption)(JNIEnv *env, jclass cls, jint fd, jint level, jint option, jbyteArray value) {
    UNUSED;
    unsigned char buffer[256];
    jsize n = value == NULL ? 0 : (*env)->GetArrayLength(env, value);
    if (n > (jsize) sizeof buffer) {
        return -EINVAL;
    }
    if (n > 0) {
        (*env)->GetByteArrayRegion(env, value, 0, n, (jbyte *) buffer);
    }
    return setsockopt(fd, level, option, n > 0 ? buffer : NULL, (socklen_t) n) != 0 ? fail() : 0;
}

/* shutdown(fd, how): 0 or -errno. */
JNIEXPORT jint JNICALL FN(shutdown)(JNIEnv *env, jclass cls, jint fd, jint how) {
    (void) env; UNUSED;
    return shutdown(fd, how) != 0 ? fail() : 0;
}

/* SO_LINGER: on with seconds when on is true, off otherwise. */
JNIEXPORT jint JNICALL FN(setLinger)(JNIEnv *env, jclass cls, jint fd, jboolean on, jint seconds) {
    (void) env; UNUSED;
    struct linger l = {.l_onoff = on ? 1 : 0, .l_linger = seconds};
    return setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l) != 0 ? fail() : 0;
}

/* write of data[offset, offset+length): the count written, or -errno. */
JNIEXPORT jint JNICALL FN(write)(JNIEnv *env, jclass cls, jint fd, jbyteArray data, jint offset, jint length) {
    UNUSED;
    char buffer[4096];
    jint chunk = length < (jint) sizeof buffer ? length : (jint) sizeof buffer;
    (*env)->GetByteArrayRegion(env, data, offset, chunk, (jbyte *) buffer);
    if ((*env)->ExceptionCheck(env)) {
        return -EINVAL;
    }
    ssize_t n = write(fd, buffer, (size_t) chunk);
    return n < 0 ? fail() : (jint) n;
}

JNIEXPORT jint JNICALL FN(socket)(JNIEnv *env, jclass cls, jint domain, jint type, jint protocol) {
    (void) env; UNUSED;
    int fd = socket(domain, type, protocol);
    return fd < 0 ? fail() : fd;
}

/* connect to the first length bytes of address: 0 or -errno. */
JNIEXPORT jint JNICALL FN(connect)(JNIEnv *env, jclass cls, jint fd, jbyteArray address, jint length) {
    UNUSED;
    struct sockaddr_storage ss;
    if (length < 0 || (size_t) length > sizeof ss) {
        return -EINVAL;
    }
    (*env)->GetByteArrayRegion(env, address, 0, length, (jbyte *) &ss);
    if ((*env)->ExceptionCheck(env)) {
        return -EINVAL;
    }
    return connect(fd, (struct sockaddr *) &ss, (socklen_t) length) != 0 ? fail() : 0;
}

/* send of the whole array as one datagram: the count sent, or -errno. */
JNIEXPORT jint JNICALL FN(send)(JNIEnv *env, jclass cls, jint fd, jbyteArray data, jint flags) {
    UNUSED;
    jsize n = (*env)->GetArrayLength(env, data);
    jbyte *bytes = (*env)->GetPrimitiveArrayCritical(env, data, NULL);
    if (bytes == NULL) {
        return -ENOMEM;
    }
    ssize_t sent = send(fd, bytes, (size_t) n, flags);
    int error = errno;
    (*env)->ReleasePrimitiveArrayCritical(env, data, bytes, JNI_ABORT);
    return sent < 0 ? -error : (jint) sent;
}

JNIEXPORT jint JNICALL FN(close)(JNIEnv *env, jclass cls, jint fd) {
    (void) env; UNUSED;
    return close(fd) != 0 ? fail() : 0;
}

/* --- syslog lines: pid and local time, as glibc's syslog() writes them --- */

JNIEXPORT jint JNICALL FN(getpid)(JNIEnv *env, jclass cls) {
    (void) env; UNUSED;
    return (jint) getpid();
}

/* localtime_r of an epoch second into fields: month (0-11), day of month, hour, minute, second. 0, or -EOVERFLOW. */
JNIEXPORT jint JNICALL FN(localTime)(JNIEnv *env, jclass cls, jlong seconds, jintArray fields) {
    UNUSED;
    time_t t = (time_t) seconds;
    struct tm tm;
    if (localtime_r(&t, &tm) == NULL) {
        return -EOVERFLOW;
    }
    jint values[5] = {tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec};
    (*env)->SetIntArrayRegion(env, fields, 0, 5, values);
    return 0;
}

/* --- replacing the process: tcpd's exec --- */

JNIEXPORT jint JNICALL FN(umask)(JNIEnv *env, jclass cls, jint mask) {
    (void) env; UNUSED;
    return (jint) umask((mode_t) mask);
}

JNIEXPORT jint JNICALL FN(dup2)(JNIEnv *env, jclass cls, jint fd, jint target) {
    (void) env; UNUSED;
    return dup2(fd, target) < 0 ? fail() : 0;
}

JNIEXPORT jint JNICALL FN(closeRange)(JNIEnv *env, jclass cls, jint first, jint last, jint flags) {
    (void) env; UNUSED;
    return close_range((unsigned int) first, (unsigned int) last, flags) != 0 ? fail() : 0;
}

/* Empties the calling thread's signal mask: 0, or minus pthread_sigmask's error number. */
JNIEXPORT jint JNICALL FN(unblockSignals)(JNIEnv *env, jclass cls) {
    (void) env; UNUSED;
    sigset_t none;
    sigemptyset(&none);
    return -pthread_sigmask(SIG_SETMASK, &none, NULL);
}

/* A NULL-terminated char *[] of the arrays' C strings, or NULL when out of memory. */
static char **c_strings(JNIEnv *env, jobjectArray strings) {
    jsize n = (*env)->GetArrayLength(env, strings);
    char **array = calloc((size_t) n + 1, sizeof *array);
    if (array == NULL) {
        return NULL;
    }
    int ok = 1;
    for (jsize i = 0; i < n && ok; i++) {
        jbyteArray element = (*env)->GetObjectArrayElement(env, strings, i);
        array[i] = c_string(env, element, &ok);
        (*env)->DeleteLocalRef(env, element);
    }
    if (!ok) {
        for (jsize i = 0; i < n; i++) {
            free(array[i]);
        }
        free(array);
        return NULL;
    }
    return array;
}

static void free_strings(char **array) {
    if (array != NULL) {
        for (char **s = array; *s != NULL; s++) {
            free(*s);
        }
        free(array);
    }
}

/* execve(path, argv, envp); returns only when it failed, with -errno. */
JNIEXPORT jint JNICALL FN(execve)(JNIEnv *env, jclass cls, jbyteArray path, jobjectArray argv, jobjectArray envp) {
    UNUSED;
    int ok = 1;
    char *file = c_string(env, path, &ok);
    char **args = c_strings(env, argv);
    char **environment = c_strings(env, envp);
    int error = ENOMEM;
    if (ok && file != NULL && args != NULL && environment != NULL) {
        execve(file, args, environment);
        error = errno;
    }
    free(file);
    free_strings(args);
    free_strings(environment);
    return -error;
}
